@testable import Learning
import Testing

struct LessonRendererTests {
    func render(_ markdown: String, images: Set<String> = []) -> (title: String, html: String, problems: [LessonRenderer.Problem]) {
        var renderer = LessonRenderer(imageBase: "/api/v1/modules/m/", existingImages: images)
        return renderer.render(markdown)
    }

    @Test func subset_becomesHTML() {
        let result = render("""
            # Spot the pattern

            ## One signal
            A guest asks *often* for **clean** towels.
            More text.

            - one
            - two

            1. first
            2. second

            > Tell your manager.
            > Call 112 in danger.

            See [police](https://www.politie.nl/) and ![desk](images/desk.png).
            """, images: ["images/desk.png"])
        #expect(result.title == "Spot the pattern")
        #expect(result.problems.isEmpty)
        #expect(result.html == """
            <h2>One signal</h2>
            <p>A guest asks <em>often</em> for <strong>clean</strong> towels. More text.</p>
            <ul><li>one</li><li>two</li></ul>
            <ol><li>first</li><li>second</li></ol>
            <aside class="callout" role="note"><p>Tell your manager.</p><p>Call 112 in danger.</p></aside>
            <p>See <a href="https://www.politie.nl/" rel="noopener noreferrer" target="_blank">police</a> and <img src="/api/v1/modules/m/images/desk.png" alt="desk" loading="lazy">.</p>

            """)
    }

    @Test func htmlAndScript_areShownAsText() {
        let result = render("# <b>Title</b>\n\n<script>alert('x')</script> <img src=x onerror=alert(1)> & \"quotes\"")
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("<img"))
        #expect(result.html == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>\n")
        #expect(result.title == "<b>Title</b>")  // the title is text; the API escapes it as JSON and the page as text
    }

    @Test func dangerousLinks_areRefusedAndRenderedAsText() {
        let result = render("# T\n\n[click](javascript:alert(1)) [x](https://a.nl\" onmouseover=\"y)")
        #expect(!result.html.contains("href"))
        #expect(result.problems.count == 2)
    }

    @Test func missingTitle_isAProblem() {
        #expect(render("No title here").problems == [LessonRenderer.Problem(line: 1, message: "a lesson must start with '# Title'")])
    }
}
