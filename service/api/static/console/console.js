// Reviewer console: posts the form to /v1/screen and renders the answer in words.
// Every value from the service or the user is put on the page as text (textContent via
// el()), never parsed as HTML, so a hostile list entry or name cannot run as code.
"use strict";

(function () {
  const FIELDS = ["name", "entity_type", "country", "date_of_birth", "threshold", "lists"];

  const DECISIONS = {
    block: "Do not proceed: a strong match on a sanctions list, or a sanctioned jurisdiction.",
    review: "A person must review the matches below before proceeding.",
    clear: "No listed name or jurisdiction matched at or above the review threshold.",
  };

  const BANDS = {
    strong: "Strong: the listed name itself (spelling aside)",
    review: "Close variant: a person must check it",
    weak: "Partial resemblance: shown for information",
    below: "Below the usual threshold",
  };

  const METHODS = {
    exact: "same word",
    fuzzy: "spelled slightly differently",
    phonetic: "sounds the same",
    transliteration: "same word in another alphabet",
    initial: "initial matches the name",
    nickname: "known nickname or spelling variant",
    truncated: "shortened form of the name",
    gender_form: "the other gender's form of the name",
    joined: "same letters written together or apart",
    joined_fuzzy: "written together or apart, slightly misspelt",
  };

  const EVIDENCE = {
    date_of_birth: "Date of birth",
    country: "Country",
    imo: "IMO number",
  };

  const ADJUSTMENTS = {
    weak_alias: "Matched a low-quality alias, so the score was lowered",
    numbers_differ: "The numbers in the two names differ, so the score was halved",
  };

  // --- DOM helpers: text only -------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function text(value) {
    if (value === null || value === undefined || value === "") return "-";
    if (Array.isArray(value)) return value.length ? value.join(", ") : "-";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function score(value) {
    return typeof value === "number" ? value.toFixed(2) : text(value);
  }

  function facts(pairs) {
    return el("dl", { class: "facts" }, pairs.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  // --- Lists ----------------------------------------------------------------------

  let loadedLists = [];

  async function loadLists() {
    const choices = byId("lists-choices");
    let body;
    try {
      const response = await fetch("/v1/lists", { headers: { Accept: "application/json" } });
      body = await response.json();
      if (!response.ok) throw new Error(body.detail || body.title || "HTTP " + response.status);
    } catch (err) {
      choices.replaceChildren(el("span", { class: "muted" }, "No list information."));
      const alert = byId("service-error");
      alert.replaceChildren(
        el("strong", {}, "Screening is unavailable: "),
        String(err.message || err),
      );
      alert.hidden = false;
      return;
    }
    loadedLists = body.lists || [];
    choices.replaceChildren(
      ...loadedLists.map((item) =>
        el(
          "label",
          {},
          el("input", { type: "checkbox", name: "lists", value: item.id, checked: true }),
          el(
            "span",
            {},
            `${item.id} (${item.entity_count} entries, ${item.version})`,
            item.sample ? el("strong", {}, " SAMPLE") : null,
          ),
        ),
      ),
    );
    byId("lists-sample-banner").hidden = !loadedLists.some((item) => item.sample);
  }

  // --- Request --------------------------------------------------------------------

  function readForm(form) {
    const body = { name: form.elements.name.value };
    for (const key of ["entity_type", "country", "date_of_birth"]) {
      const value = form.elements[key].value.trim();
      if (value) body[key] = value;
    }
    const threshold = form.elements.threshold;
    if (threshold.validity.badInput) {
      return { clientErrors: { threshold: ["Enter a number between 0 and 1."] } };
    }
    if (threshold.value !== "") body.threshold = Number(threshold.value);
    const boxes = Array.from(form.querySelectorAll('input[name="lists"]'));
    const ticked = boxes.filter((box) => box.checked).map((box) => box.value);
    if (boxes.length && ticked.length !== boxes.length) body.lists = ticked;
    return { body };
  }

  function clearErrors() {
    for (const field of FIELDS) {
      const slot = byId(field + "-error");
      slot.hidden = true;
      slot.replaceChildren();
      const input = field === "lists" ? byId("lists-fieldset") : byId(field);
      input.removeAttribute("aria-invalid");
    }
  }

  // Field errors go next to their field; anything else is listed in the alert.
  function showFieldErrors(errors) {
    const other = [];
    let first = null;
    for (const [path, messages] of Object.entries(errors || {})) {
      const field = path.split(".")[0];
      const list = Array.isArray(messages) ? messages : [messages];
      if (!FIELDS.includes(field)) {
        other.push(`${path}: ${list.map(text).join(" ")}`);
        continue;
      }
      const slot = byId(field + "-error");
      slot.append(el("span", {}, list.map(text).join(" ")), " ");
      slot.hidden = false;
      const input = field === "lists" ? byId("lists-fieldset") : byId(field);
      input.setAttribute("aria-invalid", "true");
      first = first || (field === "lists" ? byId("lists-choices").querySelector("input") : input);
    }
    return { other, first };
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.target;
    const result = byId("result");
    clearErrors();
    const { body, clientErrors } = readForm(form);
    if (clientErrors) {
      const { first } = showFieldErrors(clientErrors);
      if (first) first.focus();
      return;
    }
    const button = byId("submit");
    button.disabled = true;
    byId("busy").textContent = "Screening...";
    try {
      const response = await fetch("/v1/screen", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          [csrf.header]: csrf.token,
        },
        body: JSON.stringify(body),
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        result.replaceChildren(...renderResult(data, body));
        result.focus();
      } else {
        const { other, first } = showFieldErrors(data.errors);
        result.replaceChildren(renderProblem(response.status, data, other));
        if (first) first.focus();
      }
    } catch (err) {
      result.replaceChildren(
        renderProblem(0, { title: "The service could not be reached", detail: String(err) }, []),
      );
    } finally {
      button.disabled = false;
      byId("busy").textContent = "";
    }
  }

  // --- Rendering ------------------------------------------------------------------

  function renderProblem(status, problem, other) {
    return el(
      "div",
      { class: "alert", role: "alert", id: "problem" },
      el("strong", {}, problem.title || "Request failed", status ? ` (HTTP ${status})` : ""),
      el("p", {}, problem.detail || ""),
      other.length ? el("ul", {}, other.map((line) => el("li", {}, line))) : null,
      el("p", {}, "Nothing was screened: this is not a clear result."),
      problem.instance ? el("p", { class: "meta" }, "Reference: ", problem.instance) : null,
    );
  }

  function renderResult(data, request) {
    const lists = data.lists || {};
    const sample = Object.values(lists).some((info) => info && info.sample);
    const decision = String(data.decision || "unknown");
    return [
      sample
        ? el(
            "div",
            { class: "sample-banner", id: "sample-banner", role: "note" },
            "SAMPLE DATA: this answer comes from a bundled sample list, not the official " +
              "sanctions list. Do not rely on it for a real decision.",
          )
        : null,
      el(
        "div",
        { class: `decision decision-${decision}`, id: "decision" },
        el("p", { class: "word" }, decision.toUpperCase()),
        el("p", { class: "meaning" }, DECISIONS[decision] || ""),
      ),
      el("p", { id: "screened" }, "Screened: ", el("strong", {}, request.name), describe(request)),
      el("h3", {}, "Why"),
      el(
        "ul",
        { class: "reasons", id: "reasons" },
        (data.reasons || []).map((reason) => el("li", {}, reason.message || text(reason))),
      ),
      renderRedFlags(data.red_flags),
      el("h3", {}, `Matches (${(data.matches || []).length})`),
      (data.matches || []).length
        ? el("div", { id: "matches" }, renderTargets(data))
        : el("p", { class: "muted", id: "matches" }, "No listed name matched."),
      el("h3", {}, "Lists screened"),
      renderLists(lists),
      el(
        "p",
        { class: "meta" },
        `Screening ${text(data.screening_id)} at ${text(data.screened_at)}`,
      ),
    ].filter(Boolean);
  }

  function describe(request) {
    const parts = [];
    if (request.entity_type) parts.push(request.entity_type);
    if (request.country) parts.push(`country ${request.country}`);
    if (request.date_of_birth) parts.push(`born ${request.date_of_birth}`);
    if (request.threshold !== undefined) parts.push(`scores from ${request.threshold}`);
    if (request.lists) parts.push(`lists ${request.lists.join(", ")}`);
    return parts.length ? ` (${parts.join("; ")})` : "";
  }

  // One card per listed party: its listings on every list, then the matches of it.
  function renderTargets(data) {
    const matches = data.matches || [];
    const targets = data.targets || [];
    if (!targets.length) return matches.map(renderMatch);
    return targets.map((target) =>
      el(
        "section",
        { class: "target", "data-target": target.target_id },
        el(
          "h4",
          {},
          (target.best || {}).name || "",
          " ",
          el("span", { class: "muted" }, `(party ${target.target_id})`),
        ),
        renderListings(target.listings || []),
        matches.filter((m) => m.target_id === target.target_id).map(renderMatch),
      ),
    );
  }

  function renderListings(listings) {
    const label = listings.length === 1 ? "Listed once: " : `Listed ${listings.length} times: `;
    return el(
      "p",
      { class: "listings" },
      label,
      listings
        .map((l) => {
          const how = l.score === null || l.score === undefined ? "not matched" : score(l.score);
          return `${l.list} ${l.source_id} ${l.name} (${how})`;
        })
        .join("; "),
    );
  }

  function renderMatch(match) {
    const exp = match.explanation || {};
    const listName = exp.list_name || {};
    return el(
      "article",
      { class: `match band-${exp.band || "none"}` },
      el("h4", {}, match.name, " ", el("span", { class: "muted" }, `(${match.list} ${match.source_id})`)),
      facts([
        ["List", text(match.list)],
        ["Source id", text(match.source_id)],
        ["Primary name", text(match.name)],
        ["Matched name", `${text(match.matched_name)} (${text(listName.kind)})`],
        ["Score", `${score(match.score)} - ${BANDS[exp.band] || text(exp.band)}`],
        ["OFAC score", score(match.ofac_score)],
        ["Entity type", text(match.entity_type)],
        ["Programs", text(match.programs)],
        ["Countries", text(match.countries)],
      ]),
      renderExplanation(exp),
    );
  }

  function renderExplanation(exp) {
    const query = exp.query || {};
    const listName = exp.list_name || {};
    return el(
      "section",
      { class: "explanation" },
      el("h4", {}, "How the names compare"),
      el(
        "p",
        {},
        `Your name "${text(query.text)}" was read as "${text(query.normalised)}"; ` +
          `the list name "${text(listName.text)}" as "${text(listName.normalised)}". ` +
          `Name score ${score(exp.name_score)}` +
          (listName.quality === "weak" ? " (a low-quality alias)." : "."),
      ),
      renderAlignment(exp.alignment || []),
      leftovers("Words in your name with no counterpart", exp.unmatched_query),
      leftovers("Words in the list name you did not give", exp.unmatched_list),
      renderAdjustments(exp.adjustments || []),
      renderEvidence("Agrees with the list (corroborated)", exp.corroborated, "evidence-ok"),
      renderEvidence("Differs from the list (contradicted)", exp.contradicted, "evidence-bad"),
      renderIdentifiers(exp.identifiers || []),
    );
  }

  function renderAlignment(rows) {
    if (!rows.length) return null;
    return el(
      "table",
      {},
      el("caption", { class: "meta" }, "Word by word"),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ["Your word", "List word", "How they match", "Similarity", "Rarity weight"].map((h) =>
            el("th", { scope: "col" }, h),
          ),
        ),
      ),
      el(
        "tbody",
        {},
        rows.map((row) =>
          el(
            "tr",
            {},
            el("td", {}, text(row.query)),
            el("td", {}, text(row.list)),
            el("td", {}, METHODS[row.method] || text(row.method)),
            el("td", { class: "num" }, score(row.similarity)),
            el("td", { class: "num" }, score(row.weight)),
          ),
        ),
      ),
    );
  }

  function leftovers(label, words) {
    if (!words || !words.length) return null;
    return el("p", {}, `${label}: ${text(words)}.`);
  }

  function renderAdjustments(items) {
    if (!items.length) return null;
    return el(
      "ul",
      {},
      items.map((item) =>
        el("li", {}, ADJUSTMENTS[item.reason] || text(item.reason), ` (${text(item.effect)}).`),
      ),
    );
  }

  function renderEvidence(label, items, cls) {
    if (!items || !items.length) return null;
    return el(
      "div",
      { class: cls },
      el("strong", {}, label),
      el(
        "ul",
        {},
        items.map((item) =>
          el(
            "li",
            {},
            `${EVIDENCE[item.field] || text(item.field)}: you gave ${text(item.query)}, ` +
              `the list has ${text(item.list)}.`,
          ),
        ),
      ),
    );
  }

  function renderIdentifiers(items) {
    if (!items.length) return null;
    return el(
      "ul",
      {},
      items.map((item) =>
        el(
          "li",
          {},
          `Identifier ${text(item.type)} ${text(item.query)} equals the list's ${text(item.list)}`,
          item.decisive ? " (decisive on its own)." : ".",
        ),
      ),
    );
  }

  function renderRedFlags(flags) {
    if (!flags) return null;
    const hits = flags.rule_hits || [];
    return el(
      "section",
      { id: "red-flags" },
      el("h3", {}, "Red flags"),
      el(
        "p",
        {},
        `Decision ${text(flags.decision)}, risk score ${text(flags.risk_score)}, ` +
          `priority ${text(flags.priority)}.`,
      ),
      hits.length
        ? el("ul", {}, hits.map((hit) => el("li", {}, hit.message || hit.title || text(hit))))
        : null,
    );
  }

  function renderLists(lists) {
    const rows = Object.entries(lists);
    if (!rows.length) return el("p", { class: "muted" }, "None.");
    return el(
      "table",
      { id: "lists-screened" },
      el(
        "thead",
        {},
        el("tr", {}, ["List", "Version", "Data"].map((h) => el("th", { scope: "col" }, h))),
      ),
      el(
        "tbody",
        {},
        rows.map(([id, info]) =>
          el(
            "tr",
            {},
            el("td", {}, id),
            el("td", {}, text(info && info.version)),
            el("td", {}, info && info.sample ? "SAMPLE (not official)" : "official"),
          ),
        ),
      ),
    );
  }

  // --- Session ------------------------------------------------------------------------
  // The page is open; the API behind it is not. Without a session the browser goes to the
  // login form. Requests that change state carry the session's CSRF token.

  let csrf = { header: "X-CSRF-Token", token: "" };

  async function loadSession() {
    const response = await fetch("/console/session", { headers: { Accept: "application/json" } });
    if (response.status === 401) {
      window.location.assign("/console/login");
      return false;
    }
    if (response.ok) {
      const who = await response.json();
      csrf = { header: who.csrf_header, token: who.csrf_token };
      const signedIn = byId("signed-in");
      if (signedIn) {
        signedIn.textContent = `${who.name} (${who.role}, tenant ${who.tenant})`;
      }
    }
    return true;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    byId("screen-form").addEventListener("submit", submit);
    if (await loadSession()) loadLists();
  });
})();
