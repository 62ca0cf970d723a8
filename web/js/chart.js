// Bar charts drawn as SVG elements by our own code: one bar group per month, one colour per
// series, with a text alternative. The numbers are always shown as a table beside the chart.
const svgNS = "http://www.w3.org/2000/svg";
const palette = ["#0b5394", "#0a5c2f", "#b36b00", "#8a1020", "#4a4a4a"];

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * A grouped bar chart. `groups` are the x labels, `series` are `{ label, values }` with one value per
 * group. Returns a figure with the drawing (scaled to its container through the viewBox) and a legend.
 */
export function barChart({ title, groups, series }) {
  const width = 640;
  const height = 280;
  const left = 48;
  const bottom = 32;
  const top = 12;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((item) => item.values));
  // Whole-number gridlines: counts of people are never fractions.
  const step = Math.max(1, Math.ceil(max / 4));
  const ceiling = step * 4;
  const groupWidth = (width - left - 8) / Math.max(1, groups.length);
  const barWidth = Math.max(2, (groupWidth - 6) / Math.max(1, series.length));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart", "aria-labelledby": "chart-title" });
  chart.append(svg("title", { id: "chart-title" }, title));
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = step * tick;
    const y = top + plotHeight - (value / ceiling) * plotHeight;
    chart.append(svg("line", { x1: left, x2: width, y1: y, y2: y, class: "grid" }));
    chart.append(svg("text", { x: left - 6, y: y + 5, "text-anchor": "end", class: "axis" }, value));
  }
  groups.forEach((group, groupIndex) => {
    const x = left + groupIndex * groupWidth + 3;
    series.forEach((item, seriesIndex) => {
      const value = item.values[groupIndex] || 0;
      const barHeight = (value / ceiling) * plotHeight;
      const bar = svg("rect", { x: x + seriesIndex * barWidth, y: top + plotHeight - barHeight, width: barWidth - 1, height: barHeight, fill: palette[seriesIndex % palette.length] });
      bar.append(svg("title", {}, `${group} · ${item.label}: ${value}`));
      chart.append(bar);
    });
    chart.append(svg("text", { x: x + groupWidth / 2 - 3, y: height - bottom + 20, "text-anchor": "middle", class: "axis" }, group));
  });
  // The legend is HTML below the drawing, so long sector names wrap instead of overlapping.
  const legend = document.createElement("ul");
  legend.className = "legend";
  series.forEach((item, index) => {
    const entry = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `swatch swatch-${index % palette.length}`;
    entry.append(swatch, item.label);
    legend.append(entry);
  });
  const figure = document.createElement("figure");
  figure.className = "chart-figure";
  figure.append(chart, legend);
  return figure;
}
