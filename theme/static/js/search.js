// Search with Pagefind's index (pagefind/, written by every build): words, plus
// filters by role and by example. The page lists every essay without JavaScript.
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const allEssays = document.getElementById("all-essays");
const fields = { q: form.elements.q, role: form.elements.role, example: form.elements.example };
let pagefind;

async function search() {
  const params = new URLSearchParams(location.search);
  for (const [name, field] of Object.entries(fields)) field.value = params.get(name) || "";
  const words = fields.q.value.trim();
  const filters = {};
  if (fields.role.value) filters.role = fields.role.value;
  if (fields.example.value) filters.example = fields.example.value;
  results.replaceChildren();
  if (!words && !Object.keys(filters).length) {
    status.textContent = "";
    allEssays.hidden = false;
    return;
  }
  status.textContent = "Searching…";
  pagefind ??= await import(form.dataset.import);
  const found = await pagefind.search(words || null, { filters });
  const pages = await Promise.all(found.results.slice(0, 30).map((result) => result.data()));
  for (const page of pages) results.append(resultItem(page));
  const what = [words && `“${words}”`, ...Object.values(filters)].filter(Boolean).join(", ");
  status.textContent = `${found.results.length} ${found.results.length === 1 ? "essay" : "essays"} for ${what}.`;
  allEssays.hidden = pages.length > 0;
}

function resultItem(page) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.innerHTML = page.excerpt; // Pagefind's escaped text with <mark> around the words
  item.append(heading, excerpt);
  return item;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(fields)) if (field.value.trim()) params.set(name, field.value.trim());
  history.pushState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}`);
  search();
});
for (const select of [fields.role, fields.example]) {
  select.addEventListener("change", () => form.requestSubmit());
}
window.addEventListener("popstate", search);
search();
