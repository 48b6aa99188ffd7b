package dev.formgate.newsletter.campaign;

import dev.formgate.web.InvalidInputException.FieldProblem;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A campaign body from Markdown to the HTML and plain text of its mail. Raw HTML in the Markdown is allowed as far as
 * an allow-list goes: text formatting, headings, lists, tables, quotes, absolute links (https, http, mailto) and
 * images from the hosts the operator allowed (none by default: a remote image tells its server when a mail is
 * opened). Anything else — a script, an event handler, a style, a frame, a form, another image — is refused with a
 * problem naming the field, never silently dropped: what the editor sees in the preview is what goes out. No link is
 * rewritten. Plain Java, no Spring.
 */
final class Rendering {

	/** The body of a mail in both forms, the HTML already held to the allow-list. */
	record Body(String html, String text) {
	}

	static final String SCRIPTS = "Scripts, event handlers, styles, frames, forms and embedded objects are not allowed.";
	static final String LINKS = "Links must be absolute https, http or mailto addresses.";
	static final String ELEMENTS = "Only text formatting, headings, lists, tables, quotes, links and allowed images.";

	private static final Set<String> ACTIVE = Set.of("script", "style", "iframe", "frame", "frameset", "object",
			"embed", "applet", "form", "input", "button", "textarea", "select", "option", "link", "meta", "base",
			"svg", "math", "video", "audio", "source", "track", "template", "noscript", "canvas", "portal");

	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("a", Set.of("href", "title")),
			Map.entry("img", Set.of("src", "alt", "title", "width", "height")), Map.entry("p", Set.of()),
			Map.entry("br", Set.of()), Map.entry("hr", Set.of()), Map.entry("h1", Set.of()), Map.entry("h2", Set.of()),
			Map.entry("h3", Set.of()), Map.entry("h4", Set.of()), Map.entry("h5", Set.of()), Map.entry("h6", Set.of()),
			Map.entry("strong", Set.of()), Map.entry("b", Set.of()), Map.entry("em", Set.of()), Map.entry("i", Set.of()),
			Map.entry("u", Set.of()), Map.entry("s", Set.of()), Map.entry("del", Set.of()), Map.entry("sub", Set.of()),
			Map.entry("sup", Set.of()), Map.entry("small", Set.of()), Map.entry("code", Set.of()),
			Map.entry("pre", Set.of()), Map.entry("blockquote", Set.of()), Map.entry("ul", Set.of()),
			Map.entry("ol", Set.of("start")), Map.entry("li", Set.of()), Map.entry("table", Set.of()),
			Map.entry("thead", Set.of()), Map.entry("tbody", Set.of()), Map.entry("tr", Set.of()),
			Map.entry("th", Set.of("colspan", "rowspan")), Map.entry("td", Set.of("colspan", "rowspan")),
			Map.entry("span", Set.of()), Map.entry("div", Set.of()));

	private final Parser parser = Parser.builder().build();
	private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(false).build();
	private final Set<String> imageHosts;
	private final Safelist safelist;

	/** @param imageHosts hosts images may come from (https only), lower case; empty for none */
	Rendering(Set<String> imageHosts) {
		this.imageHosts = Set.copyOf(imageHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
		Safelist list = Safelist.none();
		ALLOWED.forEach((tag, attributes) -> {
			list.addTags(tag);
			if (!attributes.isEmpty()) {
				list.addAttributes(tag, attributes.toArray(String[]::new));
			}
		});
		list.addProtocols("a", "href", "https", "http", "mailto").addProtocols("img", "src", "https");
		this.safelist = list;
	}

	/** What is wrong with this body, each problem once, named by {@code field}; empty when it may go out. */
	List<FieldProblem> check(String field, String markdown) {
		Set<String> details = new LinkedHashSet<>();
		for (Element element : Jsoup.parseBodyFragment(toHtml(markdown)).body().getAllElements()) {
			String tag = element.normalName();
			if (tag.equals("body")) {
				continue;
			}
			if (ACTIVE.contains(tag)) {
				details.add(SCRIPTS);
				continue;
			}
			Set<String> attributes = ALLOWED.get(tag);
			if (attributes == null) {
				details.add(ELEMENTS);
				continue;
			}
			for (Attribute attribute : element.attributes()) {
				String name = attribute.getKey().toLowerCase(Locale.ROOT);
				if (name.startsWith("on") || name.equals("style")) {
					details.add(SCRIPTS);
				}
				else if (!attributes.contains(name)) {
					details.add(ELEMENTS);
				}
			}
			if (tag.equals("a") && element.hasAttr("href") && !isLink(element.attr("href"))) {
				details.add(LINKS);
			}
			if (tag.equals("img") && !isAllowedImage(element.attr("src"))) {
				details.add(imageProblem());
			}
		}
		return details.stream().map(detail -> new FieldProblem(field, "not-allowed", detail)).toList();
	}

	/**
	 * The body as it goes out. Call only for a body {@link #check} found nothing in; the allow-list is applied again
	 * all the same, so nothing outside it can reach a mail.
	 */
	Body render(String markdown) {
		String clean = new Cleaner(safelist).clean(Jsoup.parseBodyFragment(toHtml(markdown))).body().html();
		return new Body(clean, PlainText.of(clean));
	}

	private String toHtml(String markdown) {
		return html.render(parser.parse(markdown == null ? "" : markdown));
	}

	private static boolean isLink(String href) {
		String scheme = scheme(href);
		return scheme != null && Set.of("https", "http", "mailto").contains(scheme);
	}

	private boolean isAllowedImage(String src) {
		if (!"https".equals(scheme(src))) {
			return false;
		}
		try {
			String host = new URI(src.strip()).getHost();
			return host != null && imageHosts.contains(host.toLowerCase(Locale.ROOT));
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	private String imageProblem() {
		return imageHosts.isEmpty() ? "Images from other servers are not allowed (they tell the server who opens the mail)."
				: "Images only from the allowed hosts: " + String.join(", ", new java.util.TreeSet<>(imageHosts)) + ".";
	}

	/** The scheme of an absolute URL, lower case; null for a relative one or one that does not parse. */
	private static String scheme(String url) {
		if (url == null) {
			return null;
		}
		try {
			String scheme = new URI(url.strip()).getScheme();
			return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
		}
		catch (URISyntaxException e) {
			return null;
		}
	}
}
