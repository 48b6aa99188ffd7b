package dev.formgate.gateway.console;

import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/** Previous and next links of a listing from the admin API ({@code page}, {@code size}, {@code total}). */
record Paging(int page, int pages, long total, String previous, String next) {

	static Paging of(JsonNode listing, String path, Map<String, String> filter) {
		int page = listing.path("page").asInt(0);
		int size = Math.max(1, listing.path("size").asInt(20));
		long total = listing.path("total").asLong(0);
		int pages = (int) Math.max(1, (total + size - 1) / size);
		return new Paging(page, pages, total, page > 0 ? link(path, filter, page - 1) : null,
				page + 1 < pages ? link(path, filter, page + 1) : null);
	}

	private static String link(String path, Map<String, String> filter, int page) {
		var uri = UriComponentsBuilder.fromPath(path);
		filter.forEach((name, value) -> {
			if (value != null && !value.isBlank()) {
				uri.queryParam(name, value);
			}
		});
		return uri.queryParam("page", page).build().encode().toUriString();
	}

	public int getPage() {
		return page;
	}

	public int getPages() {
		return pages;
	}

	public long getTotal() {
		return total;
	}

	public String getPrevious() {
		return previous;
	}

	public String getNext() {
		return next;
	}
}
