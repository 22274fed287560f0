"""The topic map in a real Chromium: every square leads to a search that finds its essays."""


def test_each_square_leads_to_as_many_essays_as_it_counts(page, base_url):
    page.goto(base_url + "/map/")
    squares = page.locator(".topic-map a[class^='shade-']")
    assert squares.count() > 10
    for index in (0, squares.count() - 1):
        square = page.locator(".topic-map a[class^='shade-']").nth(index)
        name = square.locator("title").text_content()
        count = int(square.locator("text").text_content())
        square.click()
        page.wait_for_url(f"{base_url}/search/?role=*")
        page.wait_for_function(
            f"document.querySelectorAll('#search-results li').length == {count}")
        role, example = name.split(": ")[0].split(" × ")
        assert page.locator("#search-roles").input_value() == role
        assert page.locator("#search-examples").input_value() == example
        page.go_back()


def test_a_name_on_the_map_leads_to_its_topic_page(page, base_url):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(base_url + "/map/")
    role = page.locator(".topic-map-rows a").first
    name = " ".join(role.locator("tspan").all_text_contents())
    role.click()
    page.wait_for_url(f"{base_url}/roles/*/")
    assert page.locator("h1").inner_text() == name
