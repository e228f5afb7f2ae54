// Renders the Skywarden report from the JSON in #report-data. Every value from the data goes into
// the page through textContent or setAttribute, never as markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var SEVERITIES = ["critical", "high", "medium", "low", "informational"];
  var SVG = "http://www.w3.org/2000/svg";
  // Control, format and separator characters (bidi overrides, zero-width characters) are shown as
  // escapes, so text from the logs cannot reorder or hide what the reader sees.
  var INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
  var HAS_INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
  var findingsById = {};
  // The model lists technique and control names once, and findings refer to them by id.
  data.findings.forEach(function (f) {
    f.techniques = f.techniques.map(function (id) {
      var t = data.catalog.techniques[id] || { name: id, tactics: [] };
      return { id: id, name: t.name, tactics: t.tactics };
    });
    findingsById[f.id] = f;
  });

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
      if (name === "text") {
        node.textContent = "";
        appendText(node, String(value));
      } else {
        node.setAttribute(name, name === "title" || name === "aria-label" ? visible(String(value)) : String(value));
      }
    });
  }

  function append(node, children) {
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      if (typeof child === "string") { appendText(node, child); } else { node.appendChild(child); }
    });
  }

  /** Returns the text with each invisible character written as an escape such as \u202E. */
  function visible(text) {
    return text.replace(INVISIBLE, function (c) {
      var hex = c.codePointAt(0).toString(16).toUpperCase();
      return hex.length > 4 ? "\\u{" + hex + "}" : "\\u" + ("000" + hex).slice(-4);
    });
  }

  /** Appends text to a node. In HTML, each escape of an invisible character is a marked span. */
  function appendText(node, text) {
    if (!HAS_INVISIBLE.test(text) || node.namespaceURI === SVG) {
      node.appendChild(document.createTextNode(visible(text)));
      return;
    }
    var last = 0;
    text.replace(INVISIBLE, function (c, offset) {
      if (offset > last) { node.appendChild(document.createTextNode(text.slice(last, offset))); }
      var mark = document.createElement("span");
      mark.className = "invisible";
      mark.textContent = visible(c);
      mark.title = "invisible character U+" + visible(c).replace(/^\\u\{?|\}$/g, "") + " in the log data";
      node.appendChild(mark);
      last = offset + c.length;
      return c;
    });
    if (last < text.length) { node.appendChild(document.createTextNode(text.slice(last))); }
  }

  function time(iso) { return iso ? iso.replace("T", " ").replace(/(\.\d+)?Z$/, "") : ""; }
  // "informational" is shown as "info" so the severity column stays narrow; the title keeps the name.
  function sevBadge(level) {
    return el("span", {
      "class": "sev sev-" + level,
      text: level === "informational" ? "info" : level,
      title: level
    });
  }
  function sevColor(level) { return getComputedStyle(document.documentElement).getPropertyValue("--" + level).trim() || "#555"; }
  function techLabel(t) { return t.id + " " + t.name; }
  function ruleLabel(f) { return f.title || f.rule_id; }
  function count(map, key, by) { map[key] = (map[key] || 0) + (by === undefined ? 1 : by); }
  /** Returns "1 event", "2 events": the count and the noun, plural unless the count is 1. */
  function plural(n, singular, pluralForm) { return n + " " + (n === 1 ? singular : (pluralForm || singular + "s")); }
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
          (m.untracked_events ? "; " + plural(m.untracked_events, "event") + " of further principals " +
            (m.untracked_events === 1 ? "was" : "were") + " not sampled." : ".")
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
      return el("div", { "class": "id", text: i.input + ": " + plural(i.files, "file") + ", " + plural(i.records, "record") + ", " +
        plural(i.events, "event") + ", " + i.skipped + " skipped" });
    });
    body.appendChild(el("div", { "class": "card", id: "summary-inputs" }, [
      el("h3", { text: "Inputs" }),
      el("div", { "class": "big", text: plural(totals.events, "event") }),
      el("div", { text: plural(totals.files, "file") + ", " + plural(totals.records, "record") + ", " + totals.skipped + " skipped" })
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
        data.meta.principals_omitted + " more " + (data.meta.principals_omitted === 1 ? "is" : "are") + " in the findings table." }));
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
    view.empty = !isFinite(min);
    if (view.empty) { return; }
    var pad = Math.max(60000, (max - min) * 0.02);
    view.min = view.from = min - pad;
    view.max = view.to = max + pad;
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5, 0.5); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(2, 0.5); });
    document.getElementById("zoom-reset").addEventListener("click", function () { setView(view.min, view.max); });
    // Draw again at the new width, so labels keep their size when the window changes.
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        var chart = document.querySelector("svg.timeline");
        var width = document.getElementById("timeline-body").clientWidth;
        if (chart && width && Math.max(600, width) !== chart.viewBox.baseVal.width) { renderTimeline(); }
      });
    });
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

  var SECOND = 1000, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
  // Tick steps from a second to a week in milliseconds, then whole months and years.
  var FIXED_STEPS = [SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE,
    5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];
  var MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];

  /**
   * Returns at most about `target` ticks between two times (ms since the epoch), each {time, label},
   * on round UTC boundaries. A step is never finer than its label, so no two labels are equal: steps
   * under a minute show seconds, under a day minutes, under a month the date, then month or year.
   * Time-of-day labels carry the full date (with the year) on the first tick and where the day
   * changes.
   */
  function axisTicks(from, to, target) {
    var span = to - from, ticks = [], i;
    var step = FIXED_STEPS.filter(function (s) { return span / s <= target; })[0];
    if (step) {
      for (var t = Math.ceil(from / step) * step; t <= to; t += step) { ticks.push(t); }
    } else {
      var months = MONTH_STEPS.filter(function (m) { return span / (m * 30.44 * DAY) <= target; })[0] || 1200;
      var start = new Date(from);
      var index = start.getUTCFullYear() * 12 + start.getUTCMonth();
      index = Math.ceil(index / months) * months;
      for (; ; index += months) {
        var tm = Date.UTC(Math.floor(index / 12), index % 12, 1);
        if (tm > to) { break; }
        if (tm >= from) { ticks.push(tm); }
      }
      step = months * 30 * DAY;
    }
    var lastDay = null;
    return ticks.map(function (tick) {
      var iso = new Date(tick).toISOString(), day = iso.slice(0, 10), label;
      if (step >= 12 * 30 * DAY) { label = iso.slice(0, 4); }
      else if (step >= 28 * DAY) { label = iso.slice(0, 7); }
      else if (step >= DAY) { label = day; }
      else {
        label = iso.slice(11, step < MINUTE ? 19 : 16);
        if (day !== lastDay) { label = day + " " + label; }
      }
      lastDay = day;
      return { time: tick, label: label };
    });
  }

  function renderTimeline() {
    var host = document.getElementById("timeline-body");
    host.textContent = "";
    var rows = timelinePrincipals();
    if (view.empty || !rows.length) {
      document.getElementById("timeline-range").textContent = "No events in this hunt.";
      document.querySelectorAll("#timeline .toolbar button").forEach(function (b) { b.disabled = true; });
      return;
    }
    document.getElementById("timeline-range").textContent =
      "From " + time(new Date(view.from).toISOString()) + " to " + time(new Date(view.to).toISOString()) + " UTC";
    var width = Math.max(600, host.clientWidth || 1000), label = 260, rowH = 34, top = 24;
    var height = top + rows.length * rowH + 6;
    var plot = width - label - 10;
    var x = function (t) { return label + (t - view.from) / (view.to - view.from) * plot; };
    var chart = svg("svg", { "class": "timeline", viewBox: "0 0 " + width + " " + height, height: height, role: "img",
      "aria-label": "Events and findings per principal over time" });
    var axis = svg("g", { "class": "axis" });
    // About one tick per 150 pixels of plot, at most 6: a first label with its date is about 100
    // pixels wide.
    axisTicks(view.from, view.to, Math.min(6, Math.max(2, Math.floor(plot / 150)))).forEach(function (tick) {
      var px = x(tick.time);
      var anchor = "middle";
      if (px - label < 50) {
        anchor = "start";
      } else if (width - px < 60) {
        anchor = "end";
      }
      axis.appendChild(svg("line", { x1: px, x2: px, y1: top - 4, y2: height }));
      axis.appendChild(svg("text", { x: px, y: 14, "text-anchor": anchor, text: tick.label }));
    });
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
          [svg("title", { text: plural(b[1], "event") + " from " + time(new Date(start).toISOString()) + " (" + p.bucket_minutes + " min)" })]));
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
    { key: "principal", label: "Principal", value: function (f) { return f.principal; }, id: true },
    { key: "cloud", label: "Cloud", value: function (f) { return f.provider; } },
    { key: "source", label: "Source", value: function (f) { return f.source_addresses.join(", "); }, id: true },
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

  // The table renders PAGE rows at a time from the data, so a hunt with thousands of findings keeps
  // a small page. Filters and sorting work on the data, not on rendered rows.
  var PAGE = 200;
  var table = { sorted: [], matches: [], shown: 0 };
  var searchText = {};

  /** Returns the text the search box looks in: the finding's shown fields, lower case, one per line. */
  function searchable(f) {
    if (searchText[f.id] === undefined) {
      searchText[f.id] = [f.principal, f.provider, f.account || "", f.principal_type || "", ruleLabel(f), f.rule_id, f.severity]
        .concat(f.techniques.map(techLabel), f.source_addresses, [f.client_summary], f.operations, [f.explanation])
        .map(function (v) { return visible(String(v)); }).join("\n").toLowerCase();
    }
    return searchText[f.id];
  }

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
    var search = el("input", { type: "search", id: "f-text", placeholder: "principal, rule, operation, address\u2026" });
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
    document.getElementById("findings-more").addEventListener("click", function () { showRows(table.shown + PAGE); });
    document.getElementById("findings-all").addEventListener("click", function () { showRows(table.matches.length); });
    // Paper has no "show more" button, so printing shows every finding that matches the filters.
    window.addEventListener("beforeprint", function () { showRows(table.matches.length); });
    fillRows();
  }

  function fillRows() {
    var column = COLUMNS.filter(function (c) { return c.key === sortState.key; })[0];
    table.sorted = data.findings.slice().sort(function (a, b) {
      var va = column.value(a), vb = column.value(b);
      var order = va < vb ? -1 : va > vb ? 1 : 0;
      return order * sortState.dir || (a.first_seen < b.first_seen ? -1 : a.first_seen > b.first_seen ? 1 : 0);
    });
    document.querySelectorAll("#findings-table th").forEach(function (th) {
      if (th.getAttribute("data-key") === sortState.key) {
        th.setAttribute("aria-sort", sortState.dir > 0 ? "ascending" : "descending");
      } else { th.removeAttribute("aria-sort"); }
    });
    applyFilters();
  }

  function applyFilters() {
    var wanted = {};
    FILTERS.forEach(function (filter) { wanted[filter.key] = document.getElementById("f-" + filter.key).value; });
    var text = document.getElementById("f-text").value.trim().toLowerCase();
    table.matches = table.sorted.filter(function (f) {
      var match = FILTERS.every(function (filter) {
        return !wanted[filter.key] || filter.values(f).indexOf(wanted[filter.key]) >= 0;
      });
      return match && (!text || searchable(f).indexOf(text) >= 0);
    });
    document.querySelector("#findings-table tbody").textContent = "";
    table.shown = 0;
    showRows(PAGE);
  }

  /** Renders rows until the first `count` matching findings are in the table. */
  function showRows(count) {
    var body = document.querySelector("#findings-table tbody");
    var end = Math.min(count, table.matches.length);
    var rows = document.createDocumentFragment();
    for (var i = table.shown; i < end; i++) { rows.appendChild(findingRow(table.matches[i])); }
    body.appendChild(rows);
    table.shown = Math.max(table.shown, end);

    var matches = table.matches.length, total = data.findings.length;
    var counted = matches === total ? plural(total, "finding") : matches + " of " + plural(total, "finding") + " match";
    document.getElementById("findings-count").textContent = table.shown === matches
      ? "(" + matches + " of " + total + " shown)"
      : "(" + counted + ", first " + table.shown + " shown)";
    var rest = matches - table.shown;
    document.getElementById("findings-paging").hidden = rest === 0;
    document.getElementById("findings-more").textContent = "Show " + Math.min(PAGE, rest) + " more";
    document.getElementById("findings-all").textContent = "Show all " + matches;
  }

  function findingRow(f) {
    var row = el("tr", { "class": "finding-row", id: "finding-" + f.id, "data-id": f.id, tabindex: 0 }, COLUMNS.map(function (c) {
      if (c.key === "severity") { return el("td", {}, [sevBadge(f.severity)]); }
      if (c.key === "client") {
        // The summary is the client kind, an identifier such as INFRASTRUCTURE_AS_CODE, then the
        // product in words. Only the kind may break anywhere.
        var space = f.client_summary.indexOf(" ");
        return space < 0 ? el("td", { "class": "id", text: f.client_summary })
          : el("td", {}, [el("span", { "class": "id", text: f.client_summary.slice(0, space) }), f.client_summary.slice(space)]);
      }
      var text = c.key === "first_seen" ? time(f.first_seen) : String(c.value(f));
      var cellClass = null;
      if (c.num) {
        cellClass = "num";
      } else if (c.id) {
        cellClass = "id";
      }
      return el("td", { "class": cellClass, text: text });
    }));
    row.addEventListener("click", function () { toggle(row); });
    row.addEventListener("keydown", function (e) { if (e.key === "Enter") { toggle(row); } });
    return row;
  }

  /** Opens or closes the detail row under a finding's row, building it the first time. */
  function toggle(row, open) {
    var detail = row.nextSibling;
    if (!detail || !detail.classList.contains("detail-row")) {
      var f = findingsById[row.getAttribute("data-id")];
      detail = el("tr", { "class": "detail-row", hidden: "hidden" }, [el("td", { colspan: COLUMNS.length }, [details(f)])]);
      row.parentNode.insertBefore(detail, row.nextSibling);
    }
    if (open || detail.hasAttribute("hidden")) { detail.removeAttribute("hidden"); } else { detail.setAttribute("hidden", "hidden"); }
  }

  function details(f) {
    var evidence = el("table", { "class": "grid" }, [
      el("thead", {}, [el("tr", {}, ["Time (UTC)", "Event id", "Service", "Operation", "Source", "Read from"].map(function (h) { return el("th", { text: h }); }))]),
      el("tbody", {}, f.evidence.map(function (e) {
        // Each evidence event is [time, event id, service, operation, source, file index, line, record].
        var file = data.files[e[5]];
        return el("tr", {}, [time(e[0]), e[1], e[2] || "", e[3] || "", e[4] || "",
          file + (e[6] ? ":" + e[6] : "") + " (record " + e[7] + ")"].map(function (v) { return el("td", { "class": "id", text: v }); }));
      }))
    ]);
    return el("div", { "class": "detail" }, [
      el("h4", { text: "Why it fired" }), el("div", { text: f.explanation }),
      el("h4", { text: "Principal" }), el("div", { "class": "id", text: f.principal + " (" + (f.principal_type || "") + ", " + f.provider + " " + (f.account || "") + ")" }),
      el("h4", { text: "Techniques" }), tags(f.techniques.map(function (t) { return techLabel(t) + " \u2013 " + t.tactics.join(", "); })),
      el("h4", { text: "Operations" }), tags(f.operations),
      el("h4", { text: "NIST SP 800-53 r5" }), tags(f.nist_800_53_r5.map(function (id) { return id + " " + data.catalog.nist[id]; })),
      el("h4", { text: "CSF 2.0" }), tags(f.csf_2_0.map(function (id) { return id + " " + data.catalog.csf[id].name; })),
      el("h4", { text: "Evidence (" + f.evidence.length + " of " + plural(f.count, "event") + ")" }), evidence,
      el("div", { "class": "muted", text: "Finding " + f.id + ", rule " + f.rule_id })
    ]);
  }

  function openFinding(id) {
    FILTERS.forEach(function (filter) { document.getElementById("f-" + filter.key).value = ""; });
    document.getElementById("f-text").value = "";
    applyFilters();
    var index = table.matches.indexOf(findingsById[id]);
    if (index < 0) { return; }
    showRows(index + 1);
    var row = document.getElementById("finding-" + id);
    toggle(row, true);
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
        var item = el("li", { "data-finding": s.finding }, [time(s.time) + " ", sevBadge(s.severity), " " + s.title + " \u2013 " + s.techniques.join(", ") +
          (s.tactics.length ? " [" + s.tactics.join(", ") + "]" : "")]);
        item.addEventListener("click", function () { openFinding(s.finding); });
        return item;
      })) : el("div", { "class": "muted", text: "No findings; shown for context as one of the most active principals." });
      var posture;
      if (!p.posture.loaded) {
        posture = el("div", { "class": "posture-missing", text: "posture not loaded (run with --posture)" });
      } else if (!p.posture.items.length) {
        // The hunt looks up the posture of principals with findings only.
        posture = el("div", { "class": "muted", text: p.findings.length ? "not found in the posture exports"
          : "not looked up: posture is shown for principals with findings" });
      } else {
        posture = el("ul", {}, p.posture.items.map(function (i) { return el("li", { text: i.status + ": " + i.title + (i.detail ? " \u2013 " + i.detail : "") }); }));
      }
      host.appendChild(el("div", { "class": "story", "data-principal": p.key }, [
        el("h3", { "class": "id", text: p.principal }),
        el("div", { "class": "muted", text: p.provider + " " + (p.account || "") + (p.principal_type ? ", " + p.principal_type : "") + ": " +
          plural(p.events, "event") + (p.failures ? " (" + p.failures + " failed)" : "") + (p.first_seen ? ", " + time(p.first_seen) + " to " + time(p.last_seen) : "") +
          (p.activity_source === "findings" ? " (events behind findings only)" : "") }),
        el("div", { "class": "cols" }, [
          valueList("Clients", p.clients, p.activity_source),
          valueList("Networks", p.networks, p.activity_source),
          valueList("Operations", p.operations, p.activity_source)
        ]),
        el("h4", { text: "Attack sequence" }), steps,
        el("h4", { text: "Posture" }), el("div", { "class": "posture" }, [posture])
      ]));
    });
  }

  // ---- Matrix and controls ----
  function renderMatrix() {
    var host = document.getElementById("matrix-body");
    data.tactics.forEach(function (tactic) {
      var cells = tactic.techniques.map(function (t) {
        return el("div", { "class": "technique", style: "background:" + sevColor(t.severity), title: plural(t.findings, "finding") + ", " + plural(t.events, "event"),
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
          .map(function (v, i) { return el("td", { "class": i === 0 ? "id" : null, text: v }); }));
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
  // Milliseconds from navigation start to the rendered page, for measuring large reports.
  document.body.setAttribute("data-render-ms", String(Math.round(performance.now())));
})();
