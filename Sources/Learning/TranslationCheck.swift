/// Whether the course speaks every language the interface offers, and which of its words were left as
/// the Dutch: a learner who picks Ukrainian must never meet a module that exists only in Dutch and English.
public enum TranslationCheck {
    /// Words in a text at which being the same as the Dutch means it was not translated (names of
    /// organisations and programmes, which stay Dutch, are shorter).
    static let untranslatedWords = 5

    /// One line per problem: a module missing an offered language, or a text the same as its Dutch.
    public static func problems(_ catalog: Catalog, offered languages: [String]) -> [String] {
        var problems: [String] = []
        for module in catalog.modules.values.sorted(by: { $0.id < $1.id }) {
            for language in languages where module.texts[language] == nil {
                problems.append("\(module.id): no \(language).txt and lessons, but the interface offers \(language)")
            }
            guard let dutch = module.texts["nl"] else { continue }
            for (language, texts) in module.texts.sorted(by: { $0.key < $1.key }) where language != "nl" {
                problems += untranslated(texts, dutch: dutch).map { "\(module.id)/\(language)/\($0): the same as the Dutch; translate it" }
            }
        }
        return problems
    }

    /// The places in `texts` whose words are exactly the Dutch ones.
    static func untranslated(_ texts: ModuleTexts, dutch: ModuleTexts) -> [String] {
        func same(_ text: String?, _ original: String?) -> Bool {
            guard let text, let original, text == original else { return false }
            return original.split(whereSeparator: \.isWhitespace).count >= untranslatedWords
        }
        var places: [String] = []
        if same(texts.title, dutch.title) { places.append("title") }
        if same(texts.summary, dutch.summary) { places.append("summary") }
        for (id, question) in texts.questions.sorted(by: { $0.key < $1.key }) {
            guard let original = dutch.questions[id] else { continue }
            if same(question.situation, original.situation) { places.append("\(id) situation") }
            if same(question.text, original.text) { places.append("\(id) text") }
            if same(question.explanation, original.explanation) { places.append("\(id) explanation") }
            for (letter, option) in question.options.sorted(by: { $0.key < $1.key }) where same(option, original.options[letter]) {
                places.append("\(id) option \(letter)")
            }
        }
        for (id, lesson) in texts.lessons.sorted(by: { $0.key < $1.key }) where same(lesson.html, dutch.lessons[id]?.html) {
            places.append("lesson \(id)")
        }
        return places
    }
}
