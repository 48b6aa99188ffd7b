package dev.formgate.comment.comments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published comments of each post, as the public read answers them: the JSON and its ETag kept ready for
 * {@code formgate.comment.published.max-age}, so that a read or a revalidation ({@code If-None-Match}) within that
 * time does not reach the store. A change on this instance drops the post's entry at once; other instances show it
 * within the max age.
 */
@Component
public class PublishedComments {

	/** One comment as shown: the display name (may be empty), the text as typed, the time it was written. */
	public record Shown(String id, String name, String text, Instant postedAt) {
	}

	/** The post's comments as the public read answers them. */
	public record Listing(String site, String post, boolean open, List<Shown> comments) {
	}

	/** The answer, ready: its JSON, its ETag and when it was read from the store. */
	public record Thread(byte[] json, String etag, Instant readAt) {
	}

	private final Comments comments;
	private final CommentProperties properties;
	private final JsonMapper json;
	private final Clock clock;
	private final Counter storeReads;
	private final Map<String, Thread> ready;

	PublishedComments(Comments comments, CommentProperties properties, JsonMapper json, Clock clock,
			MeterRegistry meters) {
		this.comments = comments;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.storeReads = Counter.builder("formgate.comments.published.store.reads")
			.description("Reads of a post's published comments that reached the store").register(meters);
		int capacity = properties.published().cachedPosts();
		this.ready = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Thread> eldest) {
				return size() > capacity;
			}
		});
	}

	/** The post's thread, from this instance's memory while fresh. The site and post are known. */
	Thread of(String site, String post) {
		String key = site + "/" + post;
		Instant now = clock.instant();
		Thread cached = ready.get(key);
		if (cached != null && cached.readAt().plus(properties.published().maxAge()).isAfter(now)) {
			return cached;
		}
		storeReads.increment();
		List<Shown> shown = comments.published(site, post).stream()
			.map(c -> new Shown(c.id(), c.displayName() == null ? "" : c.displayName(), c.text(), c.postedAt()))
			.toList();
		boolean open = !properties.sites().get(site).isClosed(post);
		byte[] body = json.writeValueAsBytes(new Listing(site, post, open, shown));
		Thread thread = new Thread(body, etag(body), now);
		ready.put(key, thread);
		return thread;
	}

	/** A comment of the post changed on this instance: the next read goes to the store. */
	void changed(String site, String post) {
		ready.remove(site + "/" + post);
	}

	/** A change whose post is not known here (a subject's comments): every post reads the store again. */
	void changedAll() {
		ready.clear();
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
