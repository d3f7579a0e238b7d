// Alert console: the queue, one alert with its decision form and approval, suppressions.
// Everything from the service is put on the page as text (textContent), never as HTML;
// every state-changing request carries the session's CSRF token.
"use strict";

(function () {
  let csrf = { header: "X-CSRF-Token", token: "" };
  let current = null;
  let mayApprove = false;
  const byId = (id) => document.getElementById(id);

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function fail(message) {
    const box = byId("service-error");
    box.textContent = message;
    box.hidden = false;
  }

  async function api(method, url, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      headers[csrf.header] = csrf.token;
    }
    const response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.assign("/console/login");
      throw new Error("signed out");
    }
    const data = await response.json();
    if (!response.ok) throw new Error(data.detail || data.title || String(response.status));
    return data;
  }

  async function loadQueue() {
    const params = new URLSearchParams();
    for (const name of ["status", "priority", "source"]) {
      const value = byId(`f-${name}`).value;
      if (value) params.set(name, value);
    }
    const page = await api("GET", `/v1/alerts?${params}`);
    const c = page.counts;
    byId("counts").textContent =
      `Open ${c.status.open}, in review ${c.status.in_review}, pending approval ` +
      `${c.status.pending_approval}. High ${c.priority.high}, medium ${c.priority.medium}, ` +
      `low ${c.priority.low}.`;
    const rows = byId("queue-rows");
    rows.replaceChildren();
    for (const a of page.items) {
      const open = el("button", "Open", { type: "button", "data-alert": a.alert_id,
        "aria-label": `Open alert on ${a.subject.name}` });
      open.addEventListener("click", () => showAlert(a.alert_id));
      const tr = el("tr", null, { "data-alert": a.alert_id });
      for (const v of [a.subject.name, a.decision, a.priority, a.status, a.due_at, a.assignee || ""]) {
        tr.append(el("td", v));
      }
      const last = el("td");
      last.append(open);
      tr.append(last);
      rows.append(tr);
    }
  }

  async function showAlert(alertId) {
    const a = await api("GET", `/v1/alerts/${encodeURIComponent(alertId)}`);
    current = a;
    byId("alert").hidden = false;
    byId("alert-title").textContent = `Alert on ${a.subject.name}`;
    const facts = byId("alert-facts");
    facts.replaceChildren();
    const pairs = [["Status", a.status], ["Decision", a.decision], ["Priority", a.priority],
      ["Customer id", a.subject.customer_id || "-"], ["Due", a.due_at],
      ["Outcome", a.outcome || "-"], ["Screenings", a.screenings]];
    for (const [k, v] of pairs) facts.append(el("dt", k), el("dd", v, { "data-fact": k }));
    const matches = byId("alert-matches");
    matches.replaceChildren();
    for (const m of a.matches) {
      matches.append(el("li", `${m.name} (${m.list} ${m.source_id}), matched "${m.matched_name}" ` +
        `with score ${Number(m.score).toFixed(2)}`));
    }
    const changes = byId("alert-changes");
    changes.replaceChildren();
    for (const c of a.changes) {
      for (const [facet, d] of Object.entries(c.changed)) {
        changes.append(el("li", `${c.list} ${c.source_id} ${facet}: added ${d.added.join(", ") || "-"}` +
          `; removed ${d.removed.join(", ") || "-"}`));
      }
    }
    const events = byId("alert-events");
    events.replaceChildren();
    for (const e of a.events) {
      events.append(el("li", `${e.time} ${e.actor}: ${e.event}` +
        (e.to_status ? ` (${e.from_status || "-"} to ${e.to_status})` : "") +
        (e.reason ? `, ${e.reason}` : "") + (e.note ? `: ${e.note}` : "")));
    }
    byId("decision-form").hidden = !["open", "in_review"].includes(a.status);
    byId("assign").hidden = !["open", "in_review"].includes(a.status);
    byId("approval-form").hidden = a.status !== "pending_approval" || !mayApprove;
  }

  async function act(method, path, body) {
    try {
      const done = await api(method, path, body);
      byId("action-result").textContent = done.status ? `Status: ${done.status}` : "Done";
      if (current) await showAlert(current.alert_id);
      await loadQueue();
      await loadSuppressions();
    } catch (error) {
      byId("action-result").textContent = error.message;
    }
  }

  async function loadSuppressions() {
    const page = await api("GET", "/v1/suppressions");
    const rows = byId("suppressions");
    rows.replaceChildren();
    for (const s of page.items) {
      const revoke = el("button", "Revoke", { type: "button",
        "aria-label": `Revoke suppression of ${s.list} ${s.source_id} for ${s.subject.name}` });
      revoke.addEventListener("click", () =>
        act("DELETE", `/v1/suppressions/${encodeURIComponent(s.suppression_id)}`));
      const tr = el("tr");
      for (const v of [s.subject.name, `${s.list} ${s.source_id}`, s.alert_id, s.expires_at]) {
        tr.append(el("td", v));
      }
      const last = el("td");
      last.append(revoke);
      tr.append(last);
      rows.append(tr);
    }
  }

  async function start() {
    const response = await fetch("/console/session", { headers: { Accept: "application/json" } });
    if (response.status === 401) {
      window.location.assign("/console/login");
      return;
    }
    const who = await response.json();
    csrf = { header: who.csrf_header, token: who.csrf_token };
    mayApprove = ["approver", "admin"].includes(who.role);
    byId("signed-in").textContent = `${who.name} (${who.role}, tenant ${who.tenant})`;
    const reasons = await api("GET", "/v1/alerts/reasons");
    const select = byId("d-reason");
    for (const r of reasons.reasons) select.append(el("option", r.replaceAll("_", " "), { value: r }));
    byId("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      loadQueue().catch((e) => fail(e.message));
    });
    byId("assign").addEventListener("click", () =>
      act("POST", `/v1/alerts/${encodeURIComponent(current.alert_id)}/assign`, {}));
    byId("decision-form").addEventListener("submit", (event) => {
      event.preventDefault();
      act("POST", `/v1/alerts/${encodeURIComponent(current.alert_id)}/decision`, {
        outcome: byId("d-outcome").value, reason: byId("d-reason").value,
        note: byId("d-note").value,
      });
    });
    byId("approval-form").addEventListener("submit", (event) => {
      event.preventDefault();
      act("POST", `/v1/alerts/${encodeURIComponent(current.alert_id)}/approval`, {
        approve: event.submitter.value === "true", note: byId("a-note").value,
      });
    });
    await loadQueue();
    await loadSuppressions();
  }

  document.addEventListener("DOMContentLoaded", () => start().catch((e) => fail(e.message)));
})();
