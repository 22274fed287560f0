"""Searching in a real Chromium: words, a role filter, and a result followed."""


def result_titles(page):
    return page.locator("#search-results h2 a").all_inner_texts()


def test_search_finds_filters_and_follows_a_result(page, base_url):
    page.goto(base_url + "/")
    page.fill("#site-search-q", "barista")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/search/?q=barista")
    page.wait_for_selector("#search-results li")
    assert "Who Provides Customer Service?" in result_titles(page)
    assert "essay" in page.locator("#search-status").inner_text()
    assert page.locator("#search-results mark").first.inner_text().lower().startswith("barista")

    page.fill("#search-q", "customer")
    page.select_option("#search-roles", "Bus driver")
    page.wait_for_url(f"{base_url}/search/?q=customer&role=Bus+driver")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length == 1")
    assert result_titles(page) == ["Who Provides Customer Service?"]

    page.locator("#search-results h2 a").first.click()
    page.wait_for_url(base_url + "/essays/who-provides-customer-service/")
    assert page.locator("h1").inner_text() == "Who Provides Customer Service?"


def test_a_filter_alone_lists_every_essay_with_that_example(page, base_url):
    page.goto(base_url + "/search/?example=Holding+the+door")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0")
    assert sorted(result_titles(page)) == ["Service Is as Service Does. No, Really!",
                                          "Who Provides Customer Service?"]
    assert page.locator("#all-essays").is_hidden()
