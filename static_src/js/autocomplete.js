// Search suggestions for the header search box, as an accessible combobox.
//
// Follows the WAI-ARIA 1.2 combobox pattern with a listbox popup and list autocomplete
// with manual selection: focus stays in the text box; Down and Up arrows move through the
// suggestions (announced through aria-activedescendant); Enter searches for the chosen
// suggestion; Escape closes the list, or clears the box if the list is closed; Tab moves
// on as usual. The number of suggestions is announced in a polite live region.
//
// Progressive enhancement: without JavaScript, or if fetching suggestions fails, the box
// is an ordinary search form and nothing here runs or gets in the way.

const MIN_CHARACTERS = 2;
const DELAY_MS = 200;

const STYLES = `
.app-header-search[data-module="app-search-autocomplete"] { position: relative; }
.app-autocomplete__list {
  position: absolute; z-index: 1000; margin: 0; padding: 0; list-style: none;
  background: #ffffff; border: 2px solid #0b0c0c; border-top: 0;
  max-height: 20em; overflow-y: auto; box-sizing: border-box;
  font-family: arial, sans-serif; font-size: 1rem; line-height: 1.25;
}
.app-autocomplete__list[hidden] { display: none; }
.app-autocomplete__option {
  padding: 8px 10px; color: #0b0c0c; cursor: pointer; border-bottom: 1px solid #b1b4b6;
}
.app-autocomplete__option:last-child { border-bottom: 0; }
.app-autocomplete__option--focused, .app-autocomplete__option:hover {
  background: #1d70b8; color: #ffffff; outline: 3px solid #ffdd00; outline-offset: -3px;
}
`;

function addStyles() {
  if (document.getElementById("app-autocomplete-styles")) return;
  const style = document.createElement("style");
  style.id = "app-autocomplete-styles";
  style.textContent = STYLES;
  document.head.append(style);
}

function enhance(form) {
  const input = form.querySelector('input[name="q"]');
  const url = form.dataset.suggestionsUrl;
  if (!input || !url || !window.fetch) return;

  const listId = `${input.id}-listbox`;
  const list = document.createElement("ul");
  list.id = listId;
  list.className = "app-autocomplete__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search suggestions");
  list.hidden = true;

  const hint = document.createElement("span");
  hint.id = `${input.id}-autocomplete-hint`;
  hint.className = "govuk-visually-hidden";
  hint.textContent =
    "When suggestions are available, use up and down arrows to review and enter to search for one.";

  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("aria-atomic", "true");

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  const describedBy = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", describedBy ? `${describedBy} ${hint.id}` : hint.id);
  input.after(list);
  form.append(hint, status);

  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let shownFor = "";

  function setActive(index) {
    options.forEach((option, i) => {
      const isActive = i === index;
      option.classList.toggle("app-autocomplete__option--focused", isActive);
      option.setAttribute("aria-selected", isActive ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function open() {
    if (!options.length) return;
    list.style.top = `${input.offsetTop + input.offsetHeight}px`;
    list.style.left = `${input.offsetLeft}px`;
    list.style.width = `${input.offsetWidth}px`;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function choose(index) {
    const option = options[index];
    if (!option) return;
    input.value = option.dataset.value;
    close();
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function show(suggestions, query) {
    list.replaceChildren();
    options = suggestions.map((suggestion, index) => {
      const option = document.createElement("li");
      option.id = `${listId}-option-${index}`;
      option.className = "app-autocomplete__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.value = suggestion.title;
      option.textContent = suggestion.title;
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => choose(index));
      list.append(option);
      return option;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (options.length) {
      open();
      const count = options.length;
      status.textContent = `${count} suggestion${count === 1 ? "" : "s"} available.`;
    } else {
      close();
      status.textContent = "";
    }
    shownFor = query;
  }

  async function fetchSuggestions(query) {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`Suggestions answered ${response.status}`);
      const data = await response.json();
      if (input.value.trim() === query) show(data.suggestions || [], query);
    } catch (error) {
      if (error.name !== "AbortError") show([], query);
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_CHARACTERS) {
      options = [];
      list.replaceChildren();
      close();
      return;
    }
    if (query === shownFor && options.length) {
      open();
      return;
    }
    timer = window.setTimeout(() => fetchSuggestions(query), DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const isOpen = !list.hidden;
    switch (event.key) {
      case "ArrowDown":
        if (!options.length) return;
        event.preventDefault();
        if (!isOpen) open();
        setActive(active + 1 < options.length ? active + 1 : 0);
        break;
      case "ArrowUp":
        if (!options.length) return;
        event.preventDefault();
        if (!isOpen) open();
        setActive(active > 0 ? active - 1 : options.length - 1);
        break;
      case "Enter":
        if (isOpen && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break;
      case "Escape":
        if (isOpen) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
        break;
      case "Tab":
        close();
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", () => close());
}

function init() {
  const forms = document.querySelectorAll('[data-module="app-search-autocomplete"]');
  if (!forms.length) return;
  addStyles();
  forms.forEach(enhance);
}

init();
