import HromadaWeb

/// Where a refused budget form's problem goes, for forms whose inputs repeat
/// in rows (a cost estimate's items, an edition's categories): a field named
/// `"<input>.<row>"` (`"catFund.1"`, zero-based) is that row's input; any
/// other field is the input of that name, as `FormProblem` places it.
struct BudgetFormProblem {
    let problem: FormProblem?

    init(_ error: AppError?, html: HTML, context: AppRequestContext) {
        problem = FormProblem(error, html: html, context: context)
    }

    init(_ problem: FormProblem?) {
        self.problem = problem
    }

    /// The message for the input `name`, or for its row `row` when inputs of that name repeat.
    func message(for name: String, row: Int? = nil) -> String? {
        guard let problem else { return nil }
        return problem.field == (row.map { "\(name).\($0)" } ?? name) ? problem.message : nil
    }

    /// The alert above the form: the message, unless one of `fields` already shows it.
    func alert(unlessShownBy fields: [FormField]) -> String? {
        fields.contains { $0.fieldError != nil } ? nil : problem?.message
    }
}
