package dev.formgate.newsletter.campaign;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The plain-text part of a mail from its (allow-listed) HTML: paragraphs and headings as blocks, list items with a
 * dash or their number, quotes with {@code >}, links as their text followed by the address in angle brackets (the
 * address as written, never rewritten), images by their alt text.
 */
final class PlainText {

	private final StringBuilder out = new StringBuilder();
	private String prefix = "";

	private PlainText() {
	}

	static String of(String html) {
		PlainText text = new PlainText();
		text.children(Jsoup.parseBodyFragment(html).body());
		return text.out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
	}

	private void children(Element element) {
		for (Node child : element.childNodes()) {
			node(child);
		}
	}

	private void node(Node node) {
		if (node instanceof TextNode text) {
			String value = text.getWholeText();
			out.append(inPre(text) ? value : value.replaceAll("\\s+", " "));
			return;
		}
		if (!(node instanceof Element element)) {
			return;
		}
		switch (element.normalName()) {
			case "p", "div", "pre", "table" -> block(element);
			case "h1", "h2", "h3", "h4", "h5", "h6" -> {
				blankLine();
				children(element);
				blankLine();
			}
			case "br" -> newLine();
			case "hr" -> {
				blankLine();
				out.append("----------");
				blankLine();
			}
			case "ul", "ol" -> list(element);
			case "blockquote" -> {
				String outer = prefix;
				prefix = prefix + "> ";
				blankLine();
				children(element);
				prefix = outer;
				blankLine();
			}
			case "tr" -> {
				newLine();
				children(element);
			}
			case "td", "th" -> {
				children(element);
				out.append("  ");
			}
			case "a" -> link(element);
			case "img" -> out.append(element.attr("alt").isBlank() ? "" : "[" + element.attr("alt") + "]");
			default -> children(element);
		}
	}

	private void block(Element element) {
		blankLine();
		children(element);
		blankLine();
	}

	private void list(Element list) {
		blankLine();
		int number = list.normalName().equals("ol") && list.hasAttr("start") ? parse(list.attr("start")) : 1;
		for (Element item : list.children()) {
			newLine();
			out.append(list.normalName().equals("ol") ? number++ + ". " : "- ");
			children(item);
		}
		blankLine();
	}

	private void link(Element a) {
		String href = a.attr("href");
		String text = a.text();
		children(a);
		String address = href.startsWith("mailto:") ? href.substring(7) : href;
		if (!href.isBlank() && !text.strip().equals(address)) {
			out.append(" <").append(address).append('>');
		}
	}

	private void newLine() {
		if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
			out.append('\n');
		}
		out.append(prefix);
	}

	private void blankLine() {
		if (out.isEmpty()) {
			out.append(prefix);
			return;
		}
		newLine();
		out.append('\n').append(prefix);
	}

	private static boolean inPre(TextNode text) {
		for (Node parent = text.parent(); parent != null; parent = parent.parent()) {
			if (parent instanceof Element e && e.normalName().equals("pre")) {
				return true;
			}
		}
		return false;
	}

	private static int parse(String number) {
		try {
			return Integer.parseInt(number.strip());
		}
		catch (NumberFormatException e) {
			return 1;
		}
	}
}
