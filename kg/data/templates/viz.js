/* kg viz page script. Graph text is only ever put on the page as text (textContent, or a plain
   string title, which vis-network shows with innerText); no graph value is parsed as HTML. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var kg = (window.kg = {
    ready: false,
    timing: { scriptStart: t0 },
    data: data,
  });

  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  var clip = function (text, most) {
    text = String(text).replace(/\s+/g, " ").trim();
    return text.length > most ? text.slice(0, most - 1) + "…" : text;
  };
  var colorOf = {};
  data.legend.nodes.forEach(function (item) { colorOf[item.label] = item.color; });

  // ---------------------------------------------------------------- tooltips (plain text)
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nameOf = function (id) { return byId[id] ? byId[id].name : id; };

  data.nodes.forEach(function (n) {
    var lines = [n.group + "  ·  " + n.deg + (n.deg === 1 ? " link" : " links"), n.name];
    n.info.forEach(function (row) {
      if (row[0] !== "id" || n.group !== "Paper") lines.push(row[0] + ": " + clip(row[1], 160));
    });
    if (n.group === "Paper") lines.push("id: " + n.id);
    n.title = lines.join("\n");
  });
  data.edges.forEach(function (e) {
    var lines = [
      clip(nameOf(e.from), 60) + "  →  " + clip(nameOf(e.to), 60),
      e.type + (e.n > 1 ? "  ·  " + e.n + " claims" : ""),
    ];
    e.claims.slice(0, 3).forEach(function (c) {
      var facts = (c.facts || []).filter(function (f) { return f[0] !== "rule" && f[0] !== "confidence"; });
      if (facts.length) lines.push(facts.map(function (f) { return f[0] + ": " + clip(f[1], 60); }).join("  ·  "));
      if (c.evidence) lines.push("“" + clip(c.evidence, 260) + "”");
      if (c.paper) lines.push("— " + clip(nameOf(c.paper), 90));
    });
    if (e.claims.length > 3 || e.n > e.claims.length) lines.push("… click for all claims");
    e.title = lines.join("\n");
  });

  // ---------------------------------------------------------------- data and filters
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var adjacency = {};
  data.edges.forEach(function (e) {
    (adjacency[e.from] = adjacency[e.from] || []).push(e);
    (adjacency[e.to] = adjacency[e.to] || []).push(e);
  });
  var state = {
    nodeTypes: new Set(data.legend.nodes.map(function (x) { return x.label; })),
    relTypes: new Set(data.legend.relationships.map(function (x) { return x.type; })),
    query: "",
    neighbours: true,
    visible: null, // Set of node ids, or null for "every node of an enabled type"
    matches: [],
  };
  // Filtering hides items instead of removing them, so positions survive a filter change.
  var shownNodes = new Set(data.nodes.map(function (n) { return n.id; }));
  var shownEdges = new Set(data.edges.map(function (e) { return e.id; }));
  function nodeShown(n) {
    return state.nodeTypes.has(n.group) && (state.visible === null || state.visible.has(n.id));
  }
  function edgeShown(e) {
    return state.relTypes.has(e.type) && shownNodes.has(e.from) && shownNodes.has(e.to);
  }
  kg.nodes = nodes;
  kg.edges = edges;
  kg.counts = function () { return { nodes: shownNodes.size, edges: shownEdges.size }; };
  // What vis-network itself draws (its indices leave out hidden items and dangling edges).
  kg.drawnCounts = function () {
    return { nodes: kg.network.body.nodeIndices.length, edges: kg.network.body.edgeIndices.length };
  };

  var haystack = {};
  data.nodes.forEach(function (n) {
    haystack[n.id] = (n.name + "\u0000" + n.id + "\u0000" + n.info.map(function (r) { return r[1]; }).join("\u0000")).toLowerCase();
  });

  function applyFilters() {
    var q = state.query.trim().toLowerCase();
    state.matches = [];
    if (!q) {
      state.visible = null;
    } else {
      var visible = new Set();
      data.nodes.forEach(function (n) {
        if (state.nodeTypes.has(n.group) && haystack[n.id].indexOf(q) !== -1) {
          state.matches.push(n);
          visible.add(n.id);
        }
      });
      if (state.neighbours) {
        state.matches.forEach(function (n) {
          (adjacency[n.id] || []).forEach(function (e) {
            if (state.relTypes.has(e.type)) { visible.add(e.from); visible.add(e.to); }
          });
        });
      }
      state.visible = visible;
    }
    var nodeChanges = [];
    data.nodes.forEach(function (n) {
      var on = nodeShown(n);
      if (on !== shownNodes.has(n.id)) {
        nodeChanges.push({ id: n.id, hidden: !on });
        if (on) shownNodes.add(n.id); else shownNodes.delete(n.id);
      }
    });
    var edgeChanges = [];
    data.edges.forEach(function (e) {
      var on = edgeShown(e);
      if (on !== shownEdges.has(e.id)) {
        edgeChanges.push({ id: e.id, hidden: !on });
        if (on) shownEdges.add(e.id); else shownEdges.delete(e.id);
      }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    renderSearch(q);
    $("empty").classList.toggle("hidden", shownNodes.size > 0 || data.nodes.length === 0);
  }

  function renderSearch(q) {
    var list = $("search-results");
    list.textContent = "";
    $("search-count").textContent = q ? state.matches.length + (state.matches.length === 1 ? " match" : " matches") : "";
    state.matches.slice(0, 50).forEach(function (n) {
      var li = el("li");
      var dot = el("span", "dot");
      dot.style.background = colorOf[n.group] || "#999";
      li.appendChild(dot);
      li.appendChild(el("span", null, clip(n.name, 60)));
      li.title = n.group + ": " + n.name;
      li.addEventListener("click", function () { focusNode(n.id); });
      list.appendChild(li);
    });
  }

  // ---------------------------------------------------------------- the network
  var container = $("network");
  var options = data.options;
  var physicsBox = $("physics");
  var labelsBox = $("edge-labels");
  var spacing = $("spacing");
  var solver = $("solver");
  physicsBox.checked = options.physics.enabled;
  labelsBox.checked = data.edgeLabels;
  solver.value = options.physics.solver;
  spacing.value = (options.physics[options.physics.solver] || {}).springLength || 120;

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  kg.network = network;
  kg.timing.networkCreated = performance.now();

  var overlay = $("overlay");
  var bar = $("bar");
  var stabilising = true;
  network.on("stabilizationProgress", function (p) {
    bar.style.width = Math.round((100 * p.iterations) / p.total) + "%";
    $("overlay-text").textContent = "Laying out " + data.nodes.length.toLocaleString() + " nodes…";
  });
  var MAX_FIT_SCALE = 1.15; // a handful of nodes should not fill the screen with giant labels
  function fitView(animate) {
    network.fit({ animation: animate ? { duration: 400 } : false, maxZoomLevel: MAX_FIT_SCALE });
  }
  function stabilised() {
    if (!stabilising) return;
    stabilising = false;
    kg.timing.stabilized = performance.now();
    overlay.classList.add("hidden");
    if (network.getScale() > MAX_FIT_SCALE) fitView(false);
    if (data.settleMs > 0) {
      // Big views: let physics polish the drawn layout for a moment, then hold still.
      var freeze = function () {
        if (!physicsBox.checked) return;
        network.setOptions({ physics: { enabled: false } });
        physicsBox.checked = false;
      };
      setTimeout(freeze, data.settleMs);
      network.once("stabilized", freeze);
    }
    network.once("afterDrawing", function () {
      kg.timing.drawn = performance.now();
      kg.ready = true;
      document.documentElement.setAttribute("data-kg-ready", "true");
    });
    network.redraw();
  }
  network.once("stabilizationIterationsDone", stabilised);
  network.once("stabilized", stabilised);
  if (data.nodes.length === 0) {
    overlay.classList.add("hidden");
    $("empty").classList.remove("hidden");
    $("empty").firstChild.textContent = "Nothing to draw: this view is empty.";
    stabilised();
  }

  // ---------------------------------------------------------------- details panel
  var details = $("details");
  function kindLine(group, text) {
    var kind = el("div", "kind");
    var dot = el("span", "dot");
    dot.style.background = colorOf[group] || "#6c7a91";
    kind.appendChild(dot);
    kind.appendChild(document.createTextNode(text));
    return kind;
  }
  function safeLink(url) {
    if (!/^https?:\/\//i.test(url)) return null;
    var a = el("a", null, url);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function infoList(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd");
      var link = row[0] === "url" ? safeLink(row[1]) : null;
      if (link) dd.appendChild(link); else dd.textContent = row[1];
      dl.appendChild(dd);
    });
    return dl;
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    details.textContent = "";
    details.appendChild(kindLine(n.group, n.group + (n.focus ? " · in focus" : "")));
    details.appendChild(el("h3", null, n.name));
    details.appendChild(infoList(n.info.concat([["links", String(n.deg)]])));
    var around = adjacency[id] || [];
    if (around.length) {
      details.appendChild(el("h4", null, "Linked to (" + around.length + ")"));
      var ul = el("ul", "neighbours");
      around.slice(0, 200).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        var dot = el("span", "dot");
        dot.style.background = byId[other] ? colorOf[byId[other].group] || "#999" : "#999";
        li.appendChild(dot);
        var verb = e.from === id ? e.type.toLowerCase() + " →" : "← " + e.type.toLowerCase();
        li.appendChild(el("span", "muted", verb));
        li.appendChild(el("span", null, clip(nameOf(other), 70)));
        li.title = nameOf(other);
        li.addEventListener("click", function () { focusNode(other); });
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    details.textContent = "";
    details.appendChild(kindLine(byId[e.to] ? byId[e.to].group : "", e.type + (e.n > 1 ? " · " + e.n + " claims" : "")));
    details.appendChild(el("h3", null, nameOf(e.from) + " → " + nameOf(e.to)));
    e.claims.forEach(function (c) {
      var box = el("div", "claim");
      if (c.evidence) box.appendChild(el("blockquote", null, c.evidence));
      if (c.paper) box.appendChild(el("div", "src", "— " + nameOf(c.paper) + (byId[c.paper] ? "" : " (" + c.paper + ")")));
      if (c.facts && c.facts.length) box.appendChild(infoList(c.facts));
      details.appendChild(box);
    });
    if (e.n > e.claims.length) details.appendChild(el("p", "muted", "… and " + (e.n - e.claims.length) + " more claims"));
  }
  function focusNode(id) {
    if (!shownNodes.has(id)) {
      var group = byId[id] && byId[id].group;
      if (group && !state.nodeTypes.has(group)) {
        state.nodeTypes.add(group);
        document.querySelectorAll("[data-node-type]").forEach(function (b) {
          if (b.dataset.nodeType === group) b.checked = true;
        });
      }
      state.query = "";
      $("search").value = "";
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  kg.focusNode = focusNode;
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---------------------------------------------------------------- controls
  var searchBox = $("search");
  var timer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.query = searchBox.value;
      applyFilters();
      if (state.matches.length) network.selectNodes(state.matches.slice(0, 500).map(function (n) { return n.id; }));
    }, 180);
  });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.matches.length) focusNode(state.matches[0].id);
  });
  $("search-neighbours").addEventListener("change", function (ev) {
    state.neighbours = ev.target.checked;
    applyFilters();
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== searchBox) { ev.preventDefault(); searchBox.focus(); }
  });
  document.querySelectorAll("[data-node-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) state.nodeTypes.add(box.dataset.nodeType); else state.nodeTypes.delete(box.dataset.nodeType);
      applyFilters();
    });
  });
  document.querySelectorAll("[data-rel-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) state.relTypes.add(box.dataset.relType); else state.relTypes.delete(box.dataset.relType);
      applyFilters();
    });
  });
  document.querySelectorAll("[data-all]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var attr = btn.dataset.all === "node" ? "[data-node-type]" : "[data-rel-type]";
      var boxes = document.querySelectorAll(attr);
      var allOn = Array.prototype.every.call(boxes, function (b) { return b.checked; });
      boxes.forEach(function (b) {
        b.checked = !allOn;
        var set = btn.dataset.all === "node" ? state.nodeTypes : state.relTypes;
        var key = btn.dataset.all === "node" ? b.dataset.nodeType : b.dataset.relType;
        if (b.checked) set.add(key); else set.delete(key);
      });
      applyFilters();
    });
  });
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });
  labelsBox.addEventListener("change", function () {
    var on = labelsBox.checked;
    // vis-network keeps an edge's old label when given an empty one, so "off" is a blank.
    edges.update(data.edges.map(function (e) { return { id: e.id, label: on ? e.lbl : " " }; }));
  });
  function physicsOptions() {
    var p = { enabled: true, solver: solver.value };
    var length = Number(spacing.value);
    p[solver.value] = solver.value === "barnesHut"
      ? { springLength: length, gravitationalConstant: -2000 - 30 * length }
      : solver.value === "repulsion"
        ? { springLength: length, nodeDistance: Math.round(length * 1.2) }
        : { springLength: length };
    return p;
  }
  solver.addEventListener("change", function () {
    network.setOptions({ physics: physicsOptions() });
    physicsBox.checked = true;
  });
  spacing.addEventListener("change", function () {
    network.setOptions({ physics: physicsOptions() });
    physicsBox.checked = true;
  });
  $("relayout").addEventListener("click", function () {
    network.setOptions({ physics: physicsOptions() });
    physicsBox.checked = true;
    network.stabilize(Math.min(400, options.physics.stabilization.iterations));
    if (data.settleMs > 0) {
      network.once("stabilizationIterationsDone", function () {
        setTimeout(function () {
          network.setOptions({ physics: { enabled: false } });
          physicsBox.checked = false;
        }, data.settleMs);
      });
    }
  });
  $("fit").addEventListener("click", function () { fitView(true); });
  $("reset").addEventListener("click", function () {
    document.querySelectorAll("[data-node-type], [data-rel-type]").forEach(function (b) { b.checked = true; });
    state.nodeTypes = new Set(data.legend.nodes.map(function (x) { return x.label; }));
    state.relTypes = new Set(data.legend.relationships.map(function (x) { return x.type; }));
    state.query = "";
    searchBox.value = "";
    applyFilters();
    network.unselectAll();
  });
  kg.applyFilters = function (opts) {
    if (opts.nodeTypes) state.nodeTypes = new Set(opts.nodeTypes);
    if (opts.relTypes) state.relTypes = new Set(opts.relTypes);
    if (opts.query !== undefined) state.query = opts.query;
    applyFilters();
    return kg.counts();
  };
})();
