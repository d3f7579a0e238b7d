// The rules page: GET /v1/rules rendered as two tables. Every value from the service is
// put on the page as text (textContent), never parsed as HTML.
"use strict";

(function () {
  const byId = (id) => document.getElementById(id);

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    row.appendChild(td);
    return td;
  }

  function tableDates(table) {
    const parts = [table.name];
    if (table.as_of) parts.push("as of " + table.as_of);
    if (table.checked) parts.push("checked " + table.checked);
    return parts.join(", ");
  }

  function showRules(data) {
    byId("ruleset").textContent =
      "Rule set " + data.ruleset + ": " + data.rules.length + " rules; reference data " +
      ((data.reference && data.reference.version) || "unknown") + ".";
    const tables = (data.reference && data.reference.tables) || {};
    const upkeep = {};
    (data.upkeep || []).forEach((u) => { upkeep[u.table] = u; });
    const tbody = byId("tables").querySelector("tbody");
    Object.keys(tables).sort().forEach((name) => {
      const row = document.createElement("tr");
      row.id = "table-" + name;
      cell(row, name);
      cell(row, tables[name].version);
      cell(row, tables[name].as_of);
      cell(row, tables[name].checked);
      const care = upkeep[name] || {};
      cell(row, care.due || "no");
      cell(row, care.watch);
      tbody.appendChild(row);
    });
    const rules = byId("rules").querySelector("tbody");
    data.rules.forEach((rule) => {
      const row = document.createElement("tr");
      row.id = "rule-" + rule.rule_id;
      cell(row, rule.rule_id);
      cell(row, rule.title);
      cell(row, rule.severity);
      cell(row, rule.weight);
      cell(row, (rule.inputs || []).join(", "));
      cell(row, (rule.tables || []).map(tableDates).join("; "));
      cell(row, (rule.sources || []).join("; "));
      rules.appendChild(row);
    });
  }

  async function load() {
    try {
      const response = await fetch("/v1/rules", { headers: { Accept: "application/json" } });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || body.title || response.statusText);
      showRules(body);
    } catch (error) {
      const alert = byId("service-error");
      alert.textContent = "The rule set could not be loaded: " + error.message;
      alert.hidden = false;
      byId("ruleset").textContent = "";
    }
  }

  document.addEventListener("DOMContentLoaded", load);
})();
