"""Generated things of a city for the search benchmark (scripts/bench-search).

Ukrainian civic words in their inflected forms, and a long tail of
made-up word stems (a city's texts name thousands of streets, places and
things), drawn with the Zipf–Mandelbrot law (the n-th stem weighs
1/(n + 20), function words being left out of it), so the commonest stems
("вулиця", "школа", "ремонт") are in a third of the documents, as in a
real city; a query is one to three words of one of the documents. Apostrophes are written as the Ukrainian letter (ʼ), as the
server's index holds them. Deterministic: the same seed, the same corpus.
"""
import random

STEMS = """вулиц школ ремонт парк сквер дорог тротуар освітлен дитяч майданчик спортивн зал басейн бібліотек лікарн поліклінік
амбулатор садок ліцей гімназ зупинк транспорт тролейбус трамва автобус велосипед доріжк пандус ліфт дах фасад вікн утеплен котельн
опален водопостачан каналізац сміття контейнер сортуван переробк озелен дерев клумб фонтан лавк альтанк пам'ятник музе театр
концерт фестивал молод підлітк пенсіонер ветеран захисник переселен волонтер укритт бомбосховищ генератор сонячн панел енергоеф
ощадн лічильник інтернет wi-fi камер безпек поліц пожежн рятувальн медичн реабілітац психолог інклюзив ресурсн центр громад
рад депутат бюджет конкурс проєкт петиц аукціон оренд приміщен будівл земельн ділянк інвестиц індустріальн промислов склад логістик
кластер підприємств бізнес стартап навчан тренінг курс мов англійськ комп'ютер робототехнік шах шашк футбол волейбол баскетбол
теніс бокс гімнастик йог танц хор оркестр художн гурток виставк галере книг читанн кав'ярн ринок торгівл ярмарок туризм маршрут
екскурс пляж річк озер набережн міст шлях переїзд світлофор розмітк парковк стоянк гараж подвір'я двір під'їзд домофон""".split()
ENDINGS = ["а", "і", "у", "ою", "ам", "ами", "ах", "ів", "ий", "ого", "ому", "им", "ої", "ей", "ні", "ня", "ки", "ок", ""]
STREETS = ["Соборна", "Келецька", "Пирогова", "Київська", "Хмельницьке шосе", "Замостянська", "Театральна", "Космонавтів", "Вишенька",
           "Тяжилів", "Поділля", "Старе місто", "Свободи", "Юності", "Стрілецька"]
KINDS = [("budgets", "project", 0.35), ("petitions", "petition", 0.30), ("auctions", "lot", 0.05), ("auctions", "property", 0.10),
         ("invest", "site", 0.05), ("strategy", "node", 0.15)]


def _letters(word):
    return word.replace("'", "ʼ")


def lookup_terms(text):
    """SearchTerms.lookupTerms: every beginning of 3 to 7 letters of each word, and a longer number whole (PostgreSQL's index)."""
    seen, terms = set(), []
    for raw in "".join(c if (c.isalnum() or c in "'’ʼ`") else " " for c in text.lower()).split():
        word = "".join(c for c in raw.replace("'", "ʼ").replace("’", "ʼ").replace("`", "ʼ") if c.isalnum() or c == "ʼ")
        if len(word) < 3:
            continue
        for length in range(3, min(7, len(word)) + 1):
            if word[:length] not in seen:
                seen.add(word[:length]); terms.append(word[:length])
        if len(word) > 7 and word.isdigit() and word not in seen:
            seen.add(word); terms.append(word)
    return " ".join(terms)


class Corpus:
    def __init__(self, seed=21):
        self.seed = seed
        self.rng = random.Random(seed)
        stems = [_letters(s) for s in STEMS]
        consonants, vowels = "бвгджзклмнпрстфхцчшщ", "аеиоуіяює"
        made = set()
        while len(made) < 5000:
            made.add("".join(self.rng.choice(consonants) + self.rng.choice(vowels) for _ in range(self.rng.randint(2, 3))))
        self.stems = stems + sorted(made)
        total, self.cumulative = 0.0, []
        for n in range(len(self.stems)):
            total += 1.0 / (n + 20)
            self.cumulative.append(total)

    def word(self):
        stem = self.rng.choices(self.stems, cum_weights=self.cumulative)[0]
        return stem + self.rng.choice(ENDINGS)

    def words(self, low, high):
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def kind(self):
        r, total = self.rng.random(), 0.0
        for module, kind, share in KINDS:
            total += share
            if r <= total:
                return module, kind
        return KINDS[-1][:2]

    def document(self, n):
        """The n-th document: the same for the same n, so a query can be made of the words of one that is there."""
        self.rng = random.Random(self.seed * 1_000_003 + n)
        module, kind = self.kind()
        title = self.words(3, 8).capitalize()
        street = self.rng.choice(STREETS)
        summary = self.words(8, 20).capitalize() + f", вул. {street}"
        body = summary + ". " + self.words(30, 90) + "."
        return {
            "module": module, "kind": kind, "id": f"bench-{n:06d}", "title": title, "summary": summary,
            "path": f"{module}/bench-{n:06d}", "body": body, "updated": 1_790_000_000 + n,
            # As SearchIndexRepository.scope writes it: the city's and the module's ids in hex, one token.
            "scope": "s" + "vinnytsia".encode().hex() + "x" + module.encode().hex(),
        }

    def query(self, document):
        """One to three words of a document, as a person looks for a thing they heard of."""
        words = [w for w in (document["title"] + " " + document["body"]).lower().replace(",", " ").replace(".", " ").split() if len(w) >= 3]
        rng = random.Random(" ".join(words[:3]))
        return " ".join(rng.sample(words, min(len(words), rng.choice([1, 1, 2, 2, 2, 3]))))
