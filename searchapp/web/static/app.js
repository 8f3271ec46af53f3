// Progressive enhancement only: every control also works with JavaScript turned off.
document.addEventListener("DOMContentLoaded", () => {
  // Apply a facet as soon as its checkbox changes (the "Apply filters" button stays for no-JS).
  const filters = document.getElementById("filters");
  // On a phone the filters sit above the results behind one "Filters" button (without
  // JavaScript they follow the results, all open).
  const aside = filters && filters.closest("aside.facets");
  if (aside) {
    document.body.classList.add("js");
    const active = aside.querySelectorAll(".chip").length;
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "filters-toggle";
    toggle.textContent = "Filters" + (active ? ` (${active} active)` : "");
    toggle.setAttribute("aria-controls", "filters");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", () => {
      toggle.setAttribute("aria-expanded", String(aside.classList.toggle("open")));
    });
    aside.prepend(toggle);
  }
  if (filters) {
    filters.addEventListener("change", (event) => {
      if (!event.target.matches("input[type=checkbox]")) return;
      // A keyboard user lands back on the box they ticked, not at the top of the new page.
      sessionStorage.setItem("searchapp-focus", event.target.name + "=" + event.target.value);
      filters.submit();
    });
    const wanted = sessionStorage.getItem("searchapp-focus");
    if (wanted) {
      sessionStorage.removeItem("searchapp-focus");
      const box = Array.from(filters.querySelectorAll("input[type=checkbox]"))
        .find((input) => input.name + "=" + input.value === wanted);
      if (box) {
        if (aside && !aside.classList.contains("open")) aside.querySelector(".filters-toggle").click();
        box.focus();
      }
    }
    const apply = filters.querySelector(".apply");
    if (apply) apply.classList.add("js-secondary");
  }
  // Sorting applies on change too.
  const sort = document.getElementById("sort");
  if (sort) {
    sort.addEventListener("change", () => sort.form.submit());
    const button = sort.form.querySelector("button");
    if (button) button.hidden = true;  // not merely invisible: a keyboard must not land on it
  }
  // A long facet list (158 subject tags) gets a box that narrows it as one types. Without
  // JavaScript the box stays hidden and "Show all N" lists every value.
  document.querySelectorAll(".facet-find").forEach((box) => {
    const facet = box.closest(".facet");
    const items = Array.from(facet.querySelectorAll("li"));
    box.hidden = false;
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();  // typing is not applying the filters
    });
    box.addEventListener("input", () => {
      const wanted = box.value.trim().toLowerCase();
      facet.classList.toggle("finding", wanted !== "");
      items.forEach((item) => {
        const value = item.querySelector(".value").textContent.toLowerCase();
        item.hidden = wanted !== "" && !value.includes(wanted);
      });
    });
  });
  // Drop empty year boxes from the URL so links stay short and clean.
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input[type=number]").forEach((input) => {
        if (!input.value) input.disabled = true;
      });
    });
  });
});
