import HromadaDomain

/// The petition list's search and the similar petitions a moderator sees
/// follow the platform's word-prefix rules, the same as the city's search.
public typealias PetitionSearch = SearchTerms
