/*
 * doc-layout.js - the layout of the HTML document as printed on A4,
 * measured in the browser (tests/report-doc-render.sh puts this script
 * at the end of a copy of the page and reads what it writes into the
 * page with chromium --dump-dom).
 *
 * The page is laid out as it prints: the rules for the screen only are
 * dropped and the page is as wide as the printable area of A4 under
 * the document's @page margins (210 mm - 2 x 12 mm = 186 mm).  Then:
 *   - no two tables or figures overlap (one inside the other is not an
 *     overlap);
 *   - nothing is wider than the page, or starts left of it;
 *   - every text of a chart (titles, axis titles, tick labels, legend)
 *     is inside its chart, and no two texts set straight overlap.
 * One line per finding: "OVERLAP a | b", "OVERFLOW what", "OUTSIDE
 * chart: text", "TEXTS chart: a over b"; then "CHECKED n boxes, m chart
 * texts, width w".
 */
(function () {
	var out = [], i, j, k, s, r;
	var PAGE = "186mm", SLACK = 1;

	for (i = 0; i < document.styleSheets.length; i++) {
		s = document.styleSheets[i];
		for (k = s.cssRules.length - 1; k >= 0; k--) {
			r = s.cssRules[k];
			if (r.media && /screen/.test(r.media.mediaText))
				s.deleteRule(k);
		}
	}
	document.documentElement.style.width = PAGE;
	document.documentElement.style.margin = "0";
	var W = document.documentElement.getBoundingClientRect().width;

	var heads = document.querySelectorAll("h1, h2, h3");

	/* An element as "tag "its text" under "the heading before it"". */
	function name(e) {
		var h = null, t, q;

		for (q = 0; q < heads.length; q++)
			if (heads[q].compareDocumentPosition(e) &
			    Node.DOCUMENT_POSITION_FOLLOWING)
				h = heads[q];
		if (e.tagName.toLowerCase() === "svg" || e.querySelector("svg"))
			t = (e.querySelector("text") || e).textContent;
		else
			t = e.textContent;
		return e.tagName.toLowerCase() + " \"" +
		    t.replace(/\s+/g, " ").trim().slice(0, 50) + "\"" +
		    (h ? " under \"" + h.textContent.trim().slice(0, 40) +
		    "\"" : "");
	}
	function box(e) {
		return e.getBoundingClientRect();
	}
	function meets(a, b) {
		return Math.min(a.right, b.right) - Math.max(a.left, b.left) >
		    SLACK && Math.min(a.bottom, b.bottom) - Math.max(a.top,
		    b.top) > SLACK;
	}

	/* Tables and figures: pairwise, but not one within the other. */
	var els = [].slice.call(document.querySelectorAll(
	    "table, figure, svg.chart"));
	var boxes = els.map(box);
	for (i = 0; i < els.length; i++)
		for (j = i + 1; j < els.length; j++)
			if (!els[i].contains(els[j]) &&
			    !els[j].contains(els[i]) &&
			    meets(boxes[i], boxes[j]))
				out.push("OVERLAP " + name(els[i]) + " | " +
				    name(els[j]));

	/* Nothing outside the page's width. */
	var all = document.body.querySelectorAll("*"), n = 0;
	for (i = 0; i < all.length; i++) {
		r = box(all[i]);
		if (r.width === 0 && r.height === 0)
			continue;
		n++;
		if (r.right > W + SLACK || r.left < -SLACK) {
			/* Report the outermost element only. */
			var p = all[i].parentElement, pr = box(p);
			if (p === document.body || !(pr.right > W + SLACK ||
			    pr.left < -SLACK))
				out.push("OVERFLOW " + name(all[i]) + ": " +
				    Math.round(r.left) + " to " +
				    Math.round(r.right) + " px, the page " +
				    Math.round(W) + " px wide");
		}
	}

	/* Every text of a chart inside the chart. */
	var charts = document.querySelectorAll("svg.chart"), nt = 0;
	for (i = 0; i < charts.length; i++) {
		var c = box(charts[i]);
		var texts = charts[i].querySelectorAll("text");
		for (j = 0; j < texts.length; j++) {
			r = box(texts[j]);
			if (r.width === 0)
				continue;
			nt++;
			if (r.left < c.left - SLACK || r.right > c.right + SLACK ||
			    r.top < c.top - SLACK || r.bottom > c.bottom + SLACK)
				out.push("OUTSIDE " + name(charts[i]) + ": \"" +
				    texts[j].textContent + "\"");
			/* Nor over another text of the chart: those set
			   straight, whose boxes are their extent (a turned
			   label's box is larger than its letters). */
			if (texts[j].getAttribute("transform"))
				continue;
			for (k = 0; k < j; k++)
				if (!texts[k].getAttribute("transform") &&
				    meets(r, box(texts[k])))
					out.push("TEXTS " + name(charts[i]) +
					    ": \"" + texts[k].textContent +
					    "\" over \"" + texts[j].textContent +
					    "\"");
		}
	}

	out.push("CHECKED " + n + " boxes, " + els.length +
	    " tables and figures, " + nt + " chart texts, width " +
	    Math.round(W) + " px");
	var pre = document.createElement("pre");
	pre.id = "layout-result";
	pre.textContent = "\n" + out.join("\n") + "\n";
	document.body.appendChild(pre);
})();
