// Bar charts drawn as SVG elements by our own code: one bar group per month, one colour per
// series, with a text alternative. The numbers are always shown as a table beside the chart.
const svgNS = "http://www.w3.org/2000/svg";
const palette = ["#0b5394", "#0a5c2f", "#7a4b00", "#8a1020", "#4a4a4a"];

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * A grouped bar chart. `groups` are the x labels, `series` are `{ label, values }` with one value per
 * group. Scales to its container's width through the viewBox.
 */
export function barChart({ title, groups, series }) {
  const width = 640;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 12;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((item) => item.values));
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const ceiling = Math.ceil(max / step) * step;
  const groupWidth = (width - left - 8) / Math.max(1, groups.length);
  const barWidth = Math.max(2, (groupWidth - 6) / Math.max(1, series.length));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart", "aria-labelledby": "chart-title" });
  chart.append(svg("title", { id: "chart-title" }, title));
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (ceiling / 4) * tick;
    const y = top + plotHeight - (value / ceiling) * plotHeight;
    chart.append(svg("line", { x1: left, x2: width, y1: y, y2: y, class: "grid" }));
    chart.append(svg("text", { x: left - 4, y: y + 4, "text-anchor": "end", class: "axis" }, Number.isInteger(value) ? value : value.toFixed(1)));
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
    chart.append(svg("text", { x: x + groupWidth / 2 - 3, y: height - bottom + 16, "text-anchor": "middle", class: "axis" }, group));
  });
  series.forEach((item, index) => {
    const x = left + index * 150;
    chart.append(svg("rect", { x, y: height - 14, width: 10, height: 10, fill: palette[index % palette.length] }));
    chart.append(svg("text", { x: x + 14, y: height - 5, class: "axis" }, item.label));
  });
  return chart;
}
