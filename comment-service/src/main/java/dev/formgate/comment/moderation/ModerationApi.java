package dev.formgate.comment.moderation;

import dev.formgate.comment.comments.CommentDetails;
import dev.formgate.comment.comments.CommentFilter;
import dev.formgate.comment.comments.CommentPage;
import dev.formgate.comment.comments.CommentService;
import dev.formgate.comment.comments.CommentState;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/admin/comments}: the moderation queue (pending comments, oldest first) and the lists by state, one
 * comment, a decision on one comment or many at once (publish, reject, remove with a reason). Every call needs an
 * admin token with the role {@code comment-moderator}; the gateway records each decision in the staff audit trail.
 * Neither the notification address nor the client address is ever part of an answer.
 */
@RestController
@RequestMapping(path = "/api/admin/comments", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.COMMENT_MODERATOR + "')")
class ModerationApi {

	static final int MAX_PAGE_SIZE = 100;
	static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;
	static final int MAX_BULK = 100;
	static final String ID = "[A-Za-z0-9-]{1,64}";

	private final CommentService comments;

	ModerationApi(CommentService comments) {
		this.comments = comments;
	}

	/** The list's filter and page; without a state, the queue (PENDING). */
	record ListQuery(CommentState state, @Size(max = 100) String site, @Size(max = 120) String post,
			@Min(0) @Max(MAX_PAGE) Integer page, @Min(1) @Max(MAX_PAGE_SIZE) Integer size) {

		ListQuery {
			state = state == null ? CommentState.PENDING : state;
			site = site == null || site.isBlank() ? null : site.strip();
			post = post == null || post.isBlank() ? null : post.strip();
			page = page == null ? 0 : page;
			size = size == null ? 20 : size;
		}
	}

	record Listing(List<CommentDetails> items, int page, int size, long total) {
	}

	/** A decision: {@code PUBLISHED}, {@code REJECTED} or {@code REMOVED} (with a reason). */
	record Decision(@NotNull CommentState state, @Size(max = 2000) String reason) {
	}

	record BulkDecision(@NotEmpty @Size(max = MAX_BULK) List<@Pattern(regexp = ID) String> ids,
			@NotNull CommentState state, @Size(max = 2000) String reason) {
	}

	/** Each id with its new state, or the slug of the problem that refused it. */
	record BulkOutcome(Map<String, String> outcomes) {
	}

	@GetMapping
	Listing list(@Valid @ParameterObject ListQuery query) {
		CommentPage found = comments.find(new CommentFilter(query.state(), query.site(), query.post()), query.page(),
				query.size());
		return new Listing(found.items(), query.page(), query.size(), found.total());
	}

	@GetMapping("/{id}")
	CommentDetails get(@PathVariable String id) {
		return comments.get(id);
	}

	@PutMapping(path = "/{id}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
	CommentDetails decide(@PathVariable String id, @Valid @RequestBody Decision decision, Principal staff) {
		return comments.moveTo(id, decision.state(), reason(decision.state(), decision.reason()), actor(staff));
	}

	@PostMapping(path = "/moderation", consumes = MediaType.APPLICATION_JSON_VALUE)
	BulkOutcome decideAll(@Valid @RequestBody BulkDecision decision, Principal staff) {
		return new BulkOutcome(comments.moveAll(decision.ids(), decision.state(),
				reason(decision.state(), decision.reason()), actor(staff)));
	}

	/** A removal needs its reason, within the configured limit; the other decisions take none. */
	private String reason(CommentState state, String reason) {
		if (state == CommentState.PENDING) {
			throw new InvalidInputException(new FieldProblem("state", "invalid",
					"A decision is PUBLISHED, REJECTED or REMOVED."));
		}
		if (state != CommentState.REMOVED) {
			return null;
		}
		String stripped = reason == null ? "" : reason.strip();
		if (stripped.isEmpty()) {
			throw new InvalidInputException(FieldProblem.required("reason"));
		}
		int max = comments.properties().limits().reason();
		if (stripped.length() > max) {
			throw new InvalidInputException(new FieldProblem("reason", "too-long", "At most " + max + " characters."));
		}
		return stripped;
	}

	private static String actor(Principal staff) {
		return staff == null ? "staff" : staff.getName();
	}
}
