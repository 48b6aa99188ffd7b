package dev.formgate.gateway.console;

import org.springframework.web.util.HtmlUtils;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart as SVG markup, drawn on the server: no script, no style attribute (the CSP allows neither), colours
 * with at least 3:1 contrast to white (WCAG 1.4.11). It has a title for screen readers; the table beside it carries
 * the same figures for everyone.
 */
final class BarChart {

	/** One series of values, one per day, drawn in its colour. */
	record Series(String label, String colour, List<Long> values) {
	}

	static final String[] COLOURS = { "#0b4f8a", "#b35c00", "#1d5e20", "#6a1b9a" };
	private static final int WIDTH = 720;
	private static final int HEIGHT = 180;
	private static final int LEFT = 40;
	private static final int BOTTOM = 24;
	private static final int TOP = 10;

	private BarChart() {
	}

	static String svg(String id, String title, List<String> days, List<Series> series) {
		long max = Math.max(1, series.stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).max()
			.orElse(1));
		int plotWidth = WIDTH - LEFT - 10;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = (double) plotWidth / Math.max(1, days.size());
		double bar = Math.max(1, slot * 0.8 / series.size());
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
			.append(HEIGHT + 24).append("\" aria-labelledby=\"").append(id).append("-title\">");
		svg.append("<title id=\"").append(id).append("-title\">").append(HtmlUtils.htmlEscape(title, "UTF-8")).append("</title>");
		int baseline = TOP + plotHeight;
		svg.append(line(LEFT, TOP, LEFT, baseline)).append(line(LEFT, baseline, WIDTH - 10, baseline));
		svg.append(text(LEFT - 6, TOP + 10, "end", String.valueOf(max)));
		svg.append(text(LEFT - 6, baseline, "end", "0"));
		for (int d = 0; d < days.size(); d++) {
			for (int s = 0; s < series.size(); s++) {
				long value = series.get(s).values().get(d);
				if (value <= 0) {
					continue;
				}
				double height = (double) value / max * plotHeight;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
						LEFT + d * slot + slot * 0.1 + s * bar, baseline - height, bar, height, series.get(s).colour()));
			}
		}
		if (!days.isEmpty()) {
			svg.append(text(LEFT, baseline + 16, "start", days.getFirst()));
			svg.append(text(WIDTH - 10, baseline + 16, "end", days.getLast()));
		}
		double x = LEFT;
		for (Series s : series) {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x,
					HEIGHT + 10, s.colour()));
			svg.append(text((int) x + 16, HEIGHT + 21, "start", s.label()));
			x += 24 + s.label().length() * 7.5;
		}
		return svg.append("</svg>").toString();
	}

	private static String line(int x1, int y1, int x2, int y2) {
		return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2
				+ "\" stroke=\"#4a4a4a\" stroke-width=\"1\"/>";
	}

	private static String text(int x, int y, String anchor, String value) {
		return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor
				+ "\" font-size=\"12\" fill=\"#1a1a1a\">" + HtmlUtils.htmlEscape(value, "UTF-8") + "</text>";
	}
}
