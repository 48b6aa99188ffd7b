package dev.formgate.comment.comments.web;

import dev.formgate.comment.comments.CommentService;
import dev.formgate.comment.comments.CommentState;
import dev.formgate.comment.comments.PublishedComments;
import dev.formgate.resilience.StoreCalls;
import dev.formgate.web.BrowserRequests;
import dev.formgate.web.ClientAddresses;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.Languages;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

import java.util.Arrays;
import java.util.UUID;

/**
 * {@code POST /api/comments} and {@code GET /api/comments?site=…&post=…}. A posted comment is answered with its id and
 * the author's private delete link (shown once); one a bot filled the honeypot of gets an answer of the same shape,
 * whose link deletes nothing. The published comments of a post are cacheable and revalidated without the store.
 */
@RestController
class CommentApi {

	private static final Logger log = LoggerFactory.getLogger(CommentApi.class);

	/** The answer to a posted comment. {@code deletePath} holds the private token: it is shown to the author only. */
	record Posted(String status, String state, String commentId, String deletePath) {
	}

	private final CommentService comments;
	private final ClientAddresses clientAddresses;
	private final StoreCalls storeCalls;

	CommentApi(CommentService comments, ClientAddresses clientAddresses, StoreCalls storeCalls) {
		this.comments = comments;
		this.clientAddresses = clientAddresses;
		this.storeCalls = storeCalls;
	}

	@Operation(summary = "Posts a comment on a post of a configured site; the answer holds the author's private delete link")
	@PostMapping(path = "/api/comments", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Posted> postJson(@RequestBody CommentForm form,
			@RequestParam(name = "site", required = false) String siteInAddress, HttpServletRequest request) {
		// The embedded script names the site in the address too, where the gateway checks the origin against it
		// (docs/configuration.md, "Comments and CORS"): a comment for another site than that one is refused.
		if (siteInAddress != null && !siteInAddress.equals(form.site())) {
			throw new InvalidInputException(new FieldProblem("site", "invalid",
					"The site in the address is not the site of the comment."));
		}
		return ResponseEntity.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store").body(post(form, request));
	}

	@Operation(summary = "Posts a comment from an HTML form; a browser gets the thank-you page with the delete link")
	@PostMapping(path = "/api/comments", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Object postForm(@ModelAttribute CommentForm form, HttpServletRequest request) {
		Posted posted = post(form, request);
		if (BrowserRequests.wantsHtml(request)) {
			var page = new ModelAndView("pages/posted", HttpStatus.ACCEPTED);
			page.addObject("lang", Languages.orDefault(form.language()));
			page.addObject("posted", posted);
			return page;
		}
		return ResponseEntity.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(MediaType.APPLICATION_JSON).body(posted);
	}

	@Operation(summary = "The published comments of a post: display name, text and time, oldest first; ETag and 304")
	@GetMapping(path = "/api/comments", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> published(@RequestParam(required = false) String site,
			@RequestParam(required = false) String post,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		var props = comments.properties();
		var known = site == null ? null : props.sites().get(site);
		if (known == null) {
			throw new InvalidInputException(new FieldProblem("site", "invalid", "There is no such site."));
		}
		if (post == null || !post.matches(dev.formgate.comment.comments.CommentProperties.POST_ID)
				|| !(known.posts().isEmpty() || known.posts().contains(post) || known.closed().contains(post))) {
			throw new InvalidInputException(new FieldProblem("post", "invalid", "This site has no such post."));
		}
		PublishedComments.Thread thread = storeCalls.call(() -> comments.published(site, post));
		CacheControl cache = CacheControl.maxAge(props.published().maxAge()).cachePublic();
		if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
			.anyMatch(tag -> tag.equals(thread.etag()) || tag.equals("W/" + thread.etag()) || tag.equals("*"))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(thread.etag()).cacheControl(cache)
				.varyBy(HttpHeaders.ORIGIN).build();
		}
		// Vary: Origin, so a shared cache never hands one website's CORS answer to another (or to a non-CORS read).
		return ResponseEntity.ok().eTag(thread.etag()).cacheControl(cache).varyBy(HttpHeaders.ORIGIN)
			.contentType(MediaType.APPLICATION_JSON).body(thread.json());
	}

	private Posted post(CommentForm form, HttpServletRequest request) {
		if (form.isBot()) {
			log.info("Comment form honeypot filled; comment dropped");
			return new Posted("accepted", "pending", UUID.randomUUID().toString(),
					CommentPages.deletePath(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
		}
		var comment = form.validated(comments.properties(), clientAddresses.of(request));
		var posted = storeCalls.call(() -> comments.post(comment));
		log.info("Comment {} posted ({})", posted.commentId(), posted.state());
		return new Posted("accepted", posted.state() == CommentState.PUBLISHED ? "published" : "pending",
				posted.commentId(), CommentPages.deletePath(posted.commentId(), posted.deleteToken()));
	}
}
