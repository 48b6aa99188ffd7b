package dev.formgate.comment.comments;

import dev.formgate.outbox.RelaySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of comments (prefix {@code formgate.comment}).
 *
 * @param sites the operator's websites whose posts take comments, by id
 * @param limits longest accepted values and most links
 * @param retention how long evidence and unmoderated comments are kept
 * @param published how the published comments of a post are cached and answered
 * @param relay how the outbox relay polls, batches and backs off
 */
@Validated
@ConfigurationProperties("formgate.comment")
public record CommentProperties(@NotEmpty Map<String, @Valid Site> sites, @DefaultValue @Valid Limits limits,
		@DefaultValue @Valid Retention retention, @DefaultValue @Valid Published published,
		@DefaultValue @Valid RelaySettings relay) {

	/** What a post identifier looks like: a slug, as the website names its post. */
	public static final String POST_ID = "[a-z0-9][a-z0-9-]{0,119}";

	/**
	 * @param title the site's name, in the notice to authors (its pages' origin is among the gateway's
	 * {@code formgate.gateway.security.allowed-origins}, which alone may read and post comments from a browser)
	 * @param posts the posts that take comments; empty: every post identifier of the slug form
	 * @param closed posts whose comments are closed: shown, but no new ones
	 * @param publishAtOnce publish without moderation (default false: comments wait for a moderator)
	 */
	public record Site(@NotBlank String title, @DefaultValue List<@Pattern(regexp = POST_ID) String> posts,
			@DefaultValue List<@Pattern(regexp = POST_ID) String> closed, @DefaultValue("false") boolean publishAtOnce) {

		boolean hasPost(String post) {
			return post.matches(POST_ID) && (posts.isEmpty() || posts.contains(post));
		}

		boolean isClosed(String post) {
			return closed.contains(post);
		}
	}

	/**
	 * @param name longest display name (default 80)
	 * @param text longest comment, in characters (default 3000)
	 * @param links most links in one comment (default 3)
	 * @param reason longest reason a moderator gives for a removal (default 500)
	 */
	public record Limits(@DefaultValue("80") @Min(1) @Max(200) int name, @DefaultValue("3000") @Min(1) int text,
			@DefaultValue("3") @Min(0) int links, @DefaultValue("500") @Min(1) int reason) {
	}

	/**
	 * @param evidence the client address of a comment is deleted this long after posting, unless a legal hold keeps it
	 * (default 30 days: docs/privacy.md, "Comments")
	 * @param pending a comment no moderator decided on within this time is deleted (default 30 days)
	 * @param interval how often the retention job runs (default 1 h)
	 */
	public record Retention(@DefaultValue("30d") Duration evidence, @DefaultValue("30d") Duration pending,
			@DefaultValue("1h") Duration interval) {
	}

	/**
	 * @param maxAge how long browsers and this service's cache keep a post's published comments before asking again
	 * (default 30 s: a moderator's decision shows within this time on every instance)
	 * @param cachedPosts how many posts' comments this instance keeps ready (default 10,000)
	 */
	public record Published(@DefaultValue("30s") Duration maxAge, @DefaultValue("10000") @Min(1) int cachedPosts) {
	}
}
