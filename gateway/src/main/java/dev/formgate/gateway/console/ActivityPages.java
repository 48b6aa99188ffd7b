package dev.formgate.gateway.console;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The accountability figures (role privacy-admin) per day for a date range: charts drawn on the server, the same as
 * a table, and as CSV. Counts only, nothing about any person.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class ActivityPages {

	/** The figures, by their name in the API, in the order of the table and the CSV. */
	static final Map<String, Function<JsonNode, Long>> FIGURES = figures();

	private final AdminApi api;
	private final MessageSource messages;

	ActivityPages(AdminApi api, MessageSource messages) {
		this.api = api;
		this.messages = messages;
	}

	private static Map<String, Function<JsonNode, Long>> figures() {
		Map<String, Function<JsonNode, Long>> figures = new LinkedHashMap<>();
		figures.put("consentsRequested", day -> day.path("consentsRequested").asLong(0));
		figures.put("consentsConfirmed", day -> day.path("consentsConfirmed").asLong(0));
		figures.put("unsubscribesLink", day -> day.path("unsubscribes").path("LINK").asLong(0));
		figures.put("unsubscribesOneClick", day -> day.path("unsubscribes").path("ONE_CLICK").asLong(0));
		figures.put("unsubscribesAdmin", day -> day.path("unsubscribes").path("ADMIN").asLong(0));
		figures.put("expiredSignUps", day -> day.path("expiredSignUps").asLong(0));
		figures.put("contactRequestsReceived", day -> day.path("contactRequestsReceived").asLong(0));
		figures.put("contactRequestsClosed", day -> day.path("contactRequestsClosed").asLong(0));
		for (String comments : List.of("commentsPosted", "commentsPublished", "commentsRejected", "commentsRemoved")) {
			figures.put(comments, day -> day.path(comments).asLong(0));
		}
		return figures;
	}

	@GetMapping("/console/activity")
	Mono<String> page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			ServerWebExchange exchange, Model model) {
		NewsletterPages.Period period = NewsletterPages.Period.of(from, to, 30);
		Locale locale = ConsoleLocale.english(exchange) ? Locale.ENGLISH : Locale.GERMAN;
		Formats formats = new Formats(ConsoleLocale.english(exchange));
		return report(period).map(report -> {
			List<JsonNode> days = new ArrayList<>();
			report.path("days").forEach(days::add);
			List<String> dates = days.stream().map(d -> formats.day(d.path("date").asString(""))).toList();
			model.addAttribute("period", period);
			model.addAttribute("figures", FIGURES.keySet());
			model.addAttribute("rows", days.stream().map(day -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("date", day.path("date").asString(""));
				FIGURES.forEach((name, value) -> row.put(name, value.apply(day)));
				return row;
			}).toList());
			model.addAttribute("charts", List.of(
					chart("consents", locale, days, dates, "consentsRequested", "consentsConfirmed"),
					chart("unsubscribes", locale, days, dates, "unsubscribesLink", "unsubscribesOneClick",
							"unsubscribesAdmin"),
					chart("contact", locale, days, dates, "contactRequestsReceived", "contactRequestsClosed"),
					chart("comments", locale, days, dates, "commentsPosted", "commentsPublished", "commentsRejected",
							"commentsRemoved")));
			return "console/activity";
		});
	}

	@GetMapping("/console/activity/csv")
	Mono<ResponseEntity<byte[]>> csv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		NewsletterPages.Period period = NewsletterPages.Period.of(from, to, 30);
		return report(period).map(report -> {
			StringBuilder csv = new StringBuilder("date," + String.join(",", FIGURES.keySet()) + "\r\n");
			for (JsonNode day : report.path("days")) {
				csv.append(day.path("date").asString(""));
				FIGURES.values().forEach(value -> csv.append(',').append(value.apply(day)));
				csv.append("\r\n");
			}
			return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"activity-" + period.from() + "-"
						+ period.to() + ".csv\"")
				.body(csv.toString().getBytes(StandardCharsets.UTF_8));
		});
	}

	private Mono<JsonNode> report(NewsletterPages.Period period) {
		return api.get(uri -> uri.path("/api/admin/activity").queryParam("from", period.from())
			.queryParam("to", period.to()).build());
	}

	private Map<String, String> chart(String id, Locale locale, List<JsonNode> days, List<String> dates,
			String... figures) {
		List<BarChart.Series> series = new ArrayList<>();
		for (int i = 0; i < figures.length; i++) {
			Function<JsonNode, Long> value = FIGURES.get(figures[i]);
			series.add(new BarChart.Series(messages.getMessage("activity." + figures[i], null, locale),
					BarChart.COLOURS[i], days.stream().map(value).toList()));
		}
		String title = messages.getMessage("activity.chart." + id, null, locale);
		return Map.of("id", id, "title", title, "svg", BarChart.svg("chart-" + id, title, dates, series));
	}
}
