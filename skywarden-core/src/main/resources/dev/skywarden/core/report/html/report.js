// Renders the Skywarden report from the JSON in #report-data. Every value from the data goes into
// the page through textContent or setAttribute, never as markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var SEVERITIES = ["critical", "high", "medium", "low", "informational"];
  var SVG = "http://www.w3.org/2000/svg";
  var findingsById = {};
  data.findings.forEach(function (f) { findingsById[f.id] = f; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAll(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    setAll(node, attrs);
    append(node, children);
    return node;
  }

  function setAll(node, attrs) {
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = String(value); } else { node.setAttribute(name, String(value)); }
    });
  }

  function append(node, children) {
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  }

  function time(iso) { return iso ? iso.replace("T", " ").replace(/(\.\d+)?Z$/, "") : ""; }
  function sevBadge(level) { return el("span", { "class": "sev sev-" + level, text: level }); }
  function sevColor(level) { return getComputedStyle(document.documentElement).getPropertyValue("--" + level).trim() || "#555"; }
  function techLabel(t) { return t.id + " " + t.name; }
  function ruleLabel(f) { return f.title || f.rule_id; }
  function count(map, key, by) { map[key] = (map[key] || 0) + (by === undefined ? 1 : by); }
  function sortedKeys(map) { return Object.keys(map).sort(); }
  function tags(values, isNew) {
    return el("div", { "class": "tags" }, values.map(function (v, i) {
      return el("span", { "class": isNew && isNew[i] ? "new" : null, text: v });
    }));
  }

  // ---- Header and summary ----
  function renderMeta() {
    var m = data.meta;
    document.getElementById("meta-line").textContent =
      m.product + " " + m.version + ", generated " + time(m.generated) + " UTC, ATT&CK v" + m.attack_version +
      ". Times are UTC.";
    document.getElementById("footer").textContent =
      "Findings keep at most " + m.max_evidence + " evidence events each. " +
      (m.activity_sampled
        ? "Activity sampled for at most " + m.max_principals + " principals, " + m.max_buckets +
          " time buckets and " + m.max_values + " clients, networks and operations each" +
          (m.untracked_events ? "; " + m.untracked_events + " events of further principals were not sampled." : ".")
        : "Activity was not sampled; stories show what the findings contain.");
  }

  function barList(title, map, order, limit) {
    var keys = order || sortedKeys(map).sort(function (a, b) { return map[b] - map[a] || (a < b ? -1 : 1); });
    var max = 1;
    keys.forEach(function (k) { max = Math.max(max, map[k] || 0); });
    var rows = keys.filter(function (k) { return map[k]; }).map(function (k) {
      return el("div", { "class": "bar" }, [
        el("span", { "class": "fill", style: "width:" + Math.round(80 * map[k] / max + 2) + "px" }),
        el("span", { text: map[k] + "  " + k })
      ]);
    });
    if (!rows.length) { rows = [el("div", { "class": "muted", text: "none" })]; }
    if (limit && rows.length > limit) {
      rows = rows.slice(0, limit).concat([el("div", { "class": "muted", text: "and " + (rows.length - limit) + " more" })]);
    }
    return el("div", { "class": "card" }, [el("h3", { text: title })].concat(rows));
  }

  function renderSummary() {
    var body = document.getElementById("summary-body");
    var totals = { files: 0, records: 0, events: 0, skipped: 0 };
    data.inputs.forEach(function (i) { Object.keys(totals).forEach(function (k) { totals[k] += i[k]; }); });
    var inputRows = data.inputs.map(function (i) {
      return el("div", { "class": "wrap", text: i.input + ": " + i.files + " files, " + i.records + " records, " +
        i.events + " events, " + i.skipped + " skipped" });
    });
    body.appendChild(el("div", { "class": "card", id: "summary-inputs" }, [
      el("h3", { text: "Inputs" }),
      el("div", { "class": "big", text: totals.events + " events" }),
      el("div", { text: totals.files + " files, " + totals.records + " records, " + totals.skipped + " skipped" })
    ].concat(inputRows)));

    var bySeverity = {}, byTechnique = {}, byCloud = {}, byPrincipal = {};
    data.findings.forEach(function (f) {
      count(bySeverity, f.severity);
      f.techniques.forEach(function (t) { count(byTechnique, techLabel(t)); });
      count(byCloud, f.provider);
      count(byPrincipal, f.principal);
    });
    body.appendChild(el("div", { "class": "card", id: "summary-findings" }, [
      el("h3", { text: "Findings" }),
      el("div", { "class": "big", text: String(data.findings.length) })
    ].concat(SEVERITIES.filter(function (s) { return bySeverity[s]; }).map(function (s) {
      return el("div", { "class": "bar" }, [sevBadge(s), el("span", { text: String(bySeverity[s]) })]);
    }))));
    body.appendChild(barList("By technique", byTechnique));
    body.appendChild(barList("By cloud", byCloud));
    body.appendChild(barList("Principals involved", byPrincipal, null, 20));
    if (data.meta.principals_omitted) {
      body.appendChild(el("div", { "class": "card muted", text: "Timeline and stories show the " +
        data.meta.max_story_principals + " principals with the most findings; " +
        data.meta.principals_omitted + " more are in the findings table." }));
    }
  }

  // ---- Timeline ----
  var view = { from: 0, to: 0, min: 0, max: 0 };

  function timelinePrincipals() {
    return data.principals.filter(function (p) { return p.timeline.length || p.findings.length; });
  }

  function initTimeline() {
    var min = Infinity, max = -Infinity;
    timelinePrincipals().forEach(function (p) {
      p.timeline.forEach(function (b) { min = Math.min(min, b[0]); max = Math.max(max, b[0] + p.bucket_minutes * 60000); });
      p.findings.forEach(function (id) {
        var f = findingsById[id];
        min = Math.min(min, Date.parse(f.first_seen));
        max = Math.max(max, Date.parse(f.last_seen));
      });
    });
    if (!isFinite(min)) { min = 0; max = 3600000; }
    var pad = Math.max(60000, (max - min) * 0.02);
    view.min = view.from = min - pad;
    view.max = view.to = max + pad;
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5, 0.5); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(2, 0.5); });
    document.getElementById("zoom-reset").addEventListener("click", function () { setView(view.min, view.max); });
  }

  function zoom(factor, anchor) {
    var span = view.to - view.from;
    var center = view.from + span * anchor;
    var next = Math.max(60000, span * factor);
    setView(center - next * anchor, center + next * (1 - anchor));
  }

  function setView(from, to) {
    view.from = Math.max(view.min, from);
    view.to = Math.min(view.max, Math.max(to, view.from + 60000));
    renderTimeline();
  }

  function renderTimeline() {
    var host = document.getElementById("timeline-body");
    host.textContent = "";
    var rows = timelinePrincipals();
    document.getElementById("timeline-range").textContent =
      "From " + time(new Date(view.from).toISOString()) + " to " + time(new Date(view.to).toISOString()) + " UTC";
    if (!rows.length) { host.appendChild(el("p", { "class": "muted", text: "No events to show." })); return; }
    var width = Math.max(600, host.clientWidth || 1000), label = 260, rowH = 34, top = 24;
    var height = top + rows.length * rowH + 6;
    var plot = width - label - 10;
    var x = function (t) { return label + (t - view.from) / (view.to - view.from) * plot; };
    var chart = svg("svg", { "class": "timeline", viewBox: "0 0 " + width + " " + height, height: height, role: "img",
      "aria-label": "Events and findings per principal over time" });
    var axis = svg("g", { "class": "axis" });
    for (var i = 0; i <= 6; i++) {
      var t = view.from + (view.to - view.from) * i / 6, px = x(t);
      axis.appendChild(svg("line", { x1: px, x2: px, y1: top - 4, y2: height }));
      axis.appendChild(svg("text", { x: px, y: 14, "text-anchor": i === 0 ? "start" : i === 6 ? "end" : "middle",
        text: time(new Date(t).toISOString()).slice(5, 16) }));
    }
    chart.appendChild(axis);
    rows.forEach(function (p, index) {
      var y = top + index * rowH;
      var full = p.provider + " " + p.principal;
      var name = full.length > 40 ? p.provider + " \u2026" + p.principal.slice(-(38 - p.provider.length)) : full;
      chart.appendChild(svg("text", { x: 4, y: y + rowH / 2 + 4 }, [svg("title", { text: p.principal + " (" + p.provider + " " + (p.account || "") + ")" }), name]));
      chart.appendChild(svg("line", { x1: label, x2: width, y1: y + rowH, y2: y + rowH, stroke: "#eef0f4" }));
      var peak = 1;
      p.timeline.forEach(function (b) { peak = Math.max(peak, b[1]); });
      p.timeline.forEach(function (b) {
        var start = b[0], end = b[0] + p.bucket_minutes * 60000;
        if (end < view.from || start > view.to) { return; }
        var x0 = Math.max(label, x(start)), x1 = Math.min(width, x(end));
        var h = Math.max(2, (rowH - 8) * b[1] / peak);
        chart.appendChild(svg("rect", { "class": "density", x: x0, y: y + rowH - 3 - h, width: Math.max(1, x1 - x0 - 0.5), height: h },
          [svg("title", { text: b[1] + " events from " + time(new Date(start).toISOString()) + " (" + p.bucket_minutes + " min)" })]));
      });
      p.findings.forEach(function (id) {
        var f = findingsById[id], t = Date.parse(f.first_seen);
        if (t < view.from || t > view.to) { return; }
        var marker = svg("circle", { "class": "marker", cx: x(t), cy: y + rowH / 2, r: 6, fill: sevColor(f.severity), "data-finding": f.id },
          [svg("title", { text: time(f.first_seen) + " " + f.severity + ": " + ruleLabel(f) })]);
        marker.addEventListener("click", function () { openFinding(f.id); });
        chart.appendChild(marker);
      });
    });
    addBrush(chart, label, width, height, x);
    host.appendChild(chart);
  }

  function addBrush(chart, label, width, height, x) {
    var start = null, brush = null;
    function toTime(event) {
      var box = chart.getBoundingClientRect();
      var px = (event.clientX - box.left) * width / box.width;
      return view.from + (px - label) / (width - label - 10) * (view.to - view.from);
    }
    chart.addEventListener("mousedown", function (event) {
      if (event.target.tagName === "circle") { return; }
      start = toTime(event);
      brush = svg("rect", { "class": "brush", x: x(start), y: 0, width: 0, height: height });
      chart.appendChild(brush);
    });
    chart.addEventListener("mousemove", function (event) {
      if (start === null) { return; }
      var now = toTime(event);
      brush.setAttribute("x", Math.min(x(start), x(now)));
      brush.setAttribute("width", Math.abs(x(now) - x(start)));
    });
    chart.addEventListener("mouseup", function (event) {
      if (start === null) { return; }
      var end = toTime(event), a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      if (b - a > 30000) { setView(a, b); } else if (brush) { brush.remove(); }
    });
    chart.addEventListener("wheel", function (event) {
      event.preventDefault();
      var anchor = Math.min(1, Math.max(0, (toTime(event) - view.from) / (view.to - view.from)));
      zoom(event.deltaY < 0 ? 0.8 : 1.25, anchor);
    }, { passive: false });
  }

  // ---- Findings table ----
  var COLUMNS = [
    { key: "severity", label: "Severity", value: function (f) { return SEVERITIES.length - SEVERITIES.indexOf(f.severity); } },
    { key: "first_seen", label: "First seen (UTC)", value: function (f) { return f.first_seen; } },
    { key: "rule", label: "Rule", value: ruleLabel },
    { key: "technique", label: "Technique", value: function (f) { return f.techniques.map(techLabel).join(", "); } },
    { key: "principal", label: "Principal", value: function (f) { return f.principal; } },
    { key: "cloud", label: "Cloud", value: function (f) { return f.provider; } },
    { key: "source", label: "Source", value: function (f) { return f.source_addresses.join(", "); } },
    { key: "client", label: "Client", value: function (f) { return f.client_summary; } },
    { key: "count", label: "Events", value: function (f) { return f.count; }, num: true }
  ];
  var FILTERS = [
    { key: "severity", label: "Severity", values: function (f) { return [f.severity]; } },
    { key: "technique", label: "Technique", values: function (f) { return f.techniques.map(techLabel); } },
    { key: "principal", label: "Principal", values: function (f) { return [f.principal]; } },
    { key: "cloud", label: "Cloud", values: function (f) { return [f.provider]; } },
    { key: "rule", label: "Rule", values: function (f) { return [ruleLabel(f)]; } }
  ];
  var sortState = { key: "severity", dir: -1 };

  function renderFindingsTable() {
    var filters = document.getElementById("filters");
    FILTERS.forEach(function (filter) {
      var values = {};
      data.findings.forEach(function (f) { filter.values(f).forEach(function (v) { values[v] = true; }); });
      var keys = filter.key === "severity" ? SEVERITIES.filter(function (s) { return values[s]; }) : sortedKeys(values);
      var select = el("select", { id: "f-" + filter.key }, [el("option", { value: "", text: "all" })].concat(
        keys.map(function (v) { return el("option", { value: v, text: v }); })));
      select.addEventListener("change", applyFilters);
      filters.appendChild(el("label", {}, [filter.label, select]));
    });
    var search = el("input", { type: "search", id: "f-text", placeholder: "principal, operation, address\u2026" });
    search.addEventListener("input", applyFilters);
    filters.appendChild(el("label", {}, ["Text", search]));
    var reset = el("button", { type: "button", id: "f-reset", text: "Clear filters" });
    reset.addEventListener("click", function () {
      FILTERS.forEach(function (filter) { document.getElementById("f-" + filter.key).value = ""; });
      search.value = "";
      applyFilters();
    });
    filters.appendChild(reset);

    var head = el("tr", {}, COLUMNS.map(function (c) {
      var th = el("th", { scope: "col", "data-key": c.key, text: c.label });
      th.addEventListener("click", function () {
        sortState = { key: c.key, dir: sortState.key === c.key ? -sortState.dir : 1 };
        fillRows();
      });
      return th;
    }));
    document.querySelector("#findings-table thead").appendChild(head);
    fillRows();
  }

  function fillRows() {
    var column = COLUMNS.filter(function (c) { return c.key === sortState.key; })[0];
    var rows = data.findings.slice().sort(function (a, b) {
      var va = column.value(a), vb = column.value(b);
      var order = va < vb ? -1 : va > vb ? 1 : 0;
      return order * sortState.dir || (a.first_seen < b.first_seen ? -1 : a.first_seen > b.first_seen ? 1 : 0);
    });
    document.querySelectorAll("#findings-table th").forEach(function (th) {
      if (th.getAttribute("data-key") === sortState.key) {
        th.setAttribute("aria-sort", sortState.dir > 0 ? "ascending" : "descending");
      } else { th.removeAttribute("aria-sort"); }
    });
    var body = document.querySelector("#findings-table tbody");
    body.textContent = "";
    rows.forEach(function (f) {
      var row = el("tr", { "class": "finding-row", id: "finding-" + f.id, "data-id": f.id, tabindex: 0 }, COLUMNS.map(function (c) {
        if (c.key === "severity") { return el("td", {}, [sevBadge(f.severity)]); }
        var text = c.key === "first_seen" ? time(f.first_seen) : String(c.value(f));
        return el("td", { "class": c.num ? "num" : "wrap", text: text });
      }));
      var detail = el("tr", { "class": "detail-row", hidden: "hidden" }, [el("td", { colspan: COLUMNS.length }, [details(f)])]);
      row.addEventListener("click", function () { toggle(detail); });
      row.addEventListener("keydown", function (e) { if (e.key === "Enter") { toggle(detail); } });
      body.appendChild(row);
      body.appendChild(detail);
    });
    applyFilters();
  }

  function toggle(detail) {
    if (detail.hasAttribute("hidden")) { detail.removeAttribute("hidden"); } else { detail.setAttribute("hidden", "hidden"); }
  }

  function details(f) {
    var evidence = el("table", { "class": "grid" }, [
      el("thead", {}, [el("tr", {}, ["Time (UTC)", "Event id", "Service", "Operation", "Source", "Read from"].map(function (h) { return el("th", { text: h }); }))]),
      el("tbody", {}, f.evidence.map(function (e) {
        return el("tr", {}, [time(e.time), e.event_id, e.service || "", e.operation || "", e.source || "",
          e.file + (e.line ? ":" + e.line : "") + " (record " + e.record + ")"].map(function (v) { return el("td", { "class": "wrap", text: v }); }));
      }))
    ]);
    return el("div", { "class": "detail" }, [
      el("h4", { text: "Why it fired" }), el("div", { text: f.explanation }),
      el("h4", { text: "Principal" }), el("div", { "class": "wrap", text: f.principal + " (" + (f.principal_type || "") + ", " + f.provider + " " + (f.account || "") + ")" }),
      el("h4", { text: "Techniques" }), tags(f.techniques.map(function (t) { return techLabel(t) + " \u2013 " + t.tactics.join(", "); })),
      el("h4", { text: "Operations" }), tags(f.operations),
      el("h4", { text: "NIST SP 800-53 r5" }), tags(f.nist_800_53_r5.map(function (c) { return c.id + " " + c.name; })),
      el("h4", { text: "CSF 2.0" }), tags(f.csf_2_0.map(function (c) { return c.id + " " + c.name; })),
      el("h4", { text: "Evidence (" + f.evidence.length + " of " + f.count + " events)" }), evidence,
      el("div", { "class": "muted", text: "Finding " + f.id + ", rule " + f.rule_id })
    ]);
  }

  function applyFilters() {
    var wanted = {};
    FILTERS.forEach(function (filter) { wanted[filter.key] = document.getElementById("f-" + filter.key).value; });
    var text = document.getElementById("f-text").value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("#findings-table tr.finding-row").forEach(function (row) {
      var f = findingsById[row.getAttribute("data-id")];
      var visible = FILTERS.every(function (filter) {
        return !wanted[filter.key] || filter.values(f).indexOf(wanted[filter.key]) >= 0;
      });
      if (visible && text) {
        visible = JSON.stringify([f.principal, f.operations, f.source_addresses, ruleLabel(f), f.client_summary, f.explanation])
          .toLowerCase().indexOf(text) >= 0;
      }
      if (visible) { row.removeAttribute("hidden"); shown++; } else {
        row.setAttribute("hidden", "hidden");
        row.nextSibling.setAttribute("hidden", "hidden");
      }
    });
    document.getElementById("findings-count").textContent = "(" + shown + " of " + data.findings.length + " shown)";
  }

  function openFinding(id) {
    FILTERS.forEach(function (filter) { document.getElementById("f-" + filter.key).value = ""; });
    document.getElementById("f-text").value = "";
    applyFilters();
    var row = document.getElementById("finding-" + id);
    if (!row) { return; }
    row.nextSibling.removeAttribute("hidden");
    row.scrollIntoView({ block: "center" });
  }

  // ---- Stories ----
  function valueList(title, values, source) {
    var labels = values.map(function (v) {
      return v.value + (v.first_seen ? " (first " + time(v.first_seen).slice(11) + ", " + v.count + "\u00d7)" : "");
    });
    var isNew = values.map(function (v) { return v.new; });
    return el("div", {}, [el("h4", { text: title + " (" + values.length + (source === "sampled" && values.length >= data.meta.max_values ? "+" : "") + ")" }),
      values.length ? tags(labels, isNew) : el("div", { "class": "muted", text: "none" })]);
  }

  function renderStories() {
    document.getElementById("stories-note").textContent = data.meta.activity_sampled
      ? "Clients, networks and operations come from every event of the principal in this run. Highlighted values were first used after the principal's first event in this run; nothing here compares with earlier runs."
      : "Activity was not sampled: the lists show what the findings contain.";
    var host = document.getElementById("stories-body");
    data.principals.forEach(function (p) {
      var steps = p.steps.length ? el("ol", {}, p.steps.map(function (s) {
        var item = el("li", {}, [time(s.time) + " ", sevBadge(s.severity), " " + s.title + " \u2013 " + s.techniques.join(", ") +
          (s.tactics.length ? " [" + s.tactics.join(", ") + "]" : "")]);
        item.addEventListener("click", function () { openFinding(s.finding); });
        return item;
      })) : el("div", { "class": "muted", text: "No findings; shown for context as one of the most active principals." });
      var posture;
      if (!p.posture.loaded) {
        posture = el("div", { "class": "posture-missing", text: "posture not loaded (run with --posture)" });
      } else if (!p.posture.items.length) {
        posture = el("div", { "class": "muted", text: "no posture checks apply" });
      } else {
        posture = el("ul", {}, p.posture.items.map(function (i) { return el("li", { text: i.status + ": " + i.title + (i.detail ? " \u2013 " + i.detail : "") }); }));
      }
      host.appendChild(el("div", { "class": "story", "data-principal": p.key }, [
        el("h3", { "class": "wrap", text: p.principal }),
        el("div", { "class": "muted", text: p.provider + " " + (p.account || "") + (p.principal_type ? ", " + p.principal_type : "") + ": " +
          p.events + " events" + (p.failures ? " (" + p.failures + " failed)" : "") + (p.first_seen ? ", " + time(p.first_seen) + " to " + time(p.last_seen) : "") +
          (p.activity_source === "findings" ? " (events behind findings only)" : "") }),
        el("div", { "class": "cols" }, [
          valueList("Clients", p.clients, p.activity_source),
          valueList("Networks", p.networks, p.activity_source),
          valueList("Operations", p.operations, p.activity_source)
        ]),
        el("h4", { text: "Attack sequence" }), steps,
        el("h4", { text: "Posture" }), posture
      ]));
    });
  }

  // ---- Matrix and controls ----
  function renderMatrix() {
    var host = document.getElementById("matrix-body");
    data.tactics.forEach(function (tactic) {
      var cells = tactic.techniques.map(function (t) {
        return el("div", { "class": "technique", style: "background:" + sevColor(t.severity), title: t.findings + " findings, " + t.events + " events",
          text: t.id + " " + t.name + " (" + t.findings + ")" });
      });
      if (!cells.length) { cells = [el("div", { "class": "technique none", text: "\u2013" })]; }
      host.appendChild(el("div", { "class": "tactic", "data-tactic": tactic.shortname }, [el("div", { "class": "head", text: tactic.name })].concat(cells)));
    });
  }

  function controlTable(title, rows, withGroup, note) {
    var table = el("table", { "class": "grid" }, [
      el("thead", {}, [el("tr", {}, ["Id", "Name"].concat(withGroup ? [withGroup] : []).concat(["Techniques hit", "Findings"]).map(function (h) { return el("th", { text: h }); }))]),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", {}, [r.id, r.name].concat(withGroup ? [r.group] : []).concat([r.techniques.join(", "), String(r.findings)])
          .map(function (v) { return el("td", { "class": "wrap", text: v }); }));
      }))
    ]);
    return el("div", { "class": "controls-block" }, [el("h3", { text: title + " (" + rows.length + ")" }),
      note ? el("div", { "class": "muted", text: note }) : null, rows.length ? table : el("div", { "class": "muted", text: "none" })]);
  }

  function renderControls() {
    var c = data.controls, host = document.getElementById("controls-body");
    host.appendChild(controlTable("NIST SP 800-53 r5 controls", c.nist_800_53_r5, null, "Controls that Mappings Explorer maps to the techniques hit: they would have mitigated them."));
    host.appendChild(controlTable("CSF 2.0 subcategories (CRI Profile statements)", c.csf_2_0, "Subcategory", null));
    host.appendChild(controlTable("VERIS categories", c.veris, "Group", c.veris_source ? "From " + c.veris_source + "." : null));
  }

  renderMeta();
  renderSummary();
  initTimeline();
  renderTimeline();
  renderFindingsTable();
  renderStories();
  renderMatrix();
  renderControls();
  document.body.setAttribute("data-rendered", "true");
})();
