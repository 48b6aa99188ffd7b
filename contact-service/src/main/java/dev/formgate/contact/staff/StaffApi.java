package dev.formgate.contact.staff;

import dev.formgate.contact.request.ContactRequestDetails;
import dev.formgate.contact.request.ContactRequestFilter;
import dev.formgate.contact.request.ContactRequestPage;
import dev.formgate.contact.request.ContactRequestService;
import dev.formgate.contact.request.ContactRequestState;
import dev.formgate.contact.request.LegalHold;
import dev.formgate.contact.request.ProcessingRestriction;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/admin/contact-requests}: what staff need to answer requests — a filtered list (overdue ones too), one
 * request with its message and notes, the workflow, internal notes and legal hold. Parameters and bodies are typed
 * and validated; every refusal is an RFC 9457 problem of the shared catalogue. Every call needs an admin token with
 * the role {@code contact-agent}.
 */
@RestController
@RequestMapping(path = "/api/admin/contact-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.CONTACT_AGENT + "')")
class StaffApi {

	static final int MAX_PAGE_SIZE = 100;
	static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;
	static final int MAX_REASON = 500;
	static final long MAX_AGE_DAYS = 36_500;

	private final ContactRequestService requests;

	StaffApi(ContactRequestService requests) {
		this.requests = requests;
	}

	/**
	 * The list's filter and page, from the query.
	 *
	 * @param olderThan received longer ago than this: {@code P30D} or {@code 30d}, at most about 100 years
	 */
	record ListQuery(ContactRequestState state, String topic,
			@DurationMin(nanos = 0) @DurationMax(days = MAX_AGE_DAYS) Duration olderThan, Boolean overdue,
			@Min(0) @Max(MAX_PAGE) Integer page, @Min(1) @Max(MAX_PAGE_SIZE) Integer size) {

		ListQuery {
			topic = topic == null || topic.isBlank() ? null : topic.strip();
			overdue = overdue != null && overdue;
			page = page == null ? 0 : page;
			size = size == null ? 20 : size;
		}

		ContactRequestFilter filter() {
			return new ContactRequestFilter(state, topic, olderThan, overdue);
		}
	}

	/**
	 * A list entry: enough to pick the next request, without its message; {@code restriction} is null unless the
	 * sender restricted processing (Art. 18), so staff see in the list which requests they cannot move on.
	 */
	record Summary(String id, String topic, ContactRequestState state, boolean overdue, String subject,
			Instant receivedAt, Instant lastChangedAt, Instant closedAt, LegalHold legalHold,
			ProcessingRestriction restriction) {

		static Summary of(ContactRequestDetails d) {
			return new Summary(d.id(), d.topic(), d.state(), d.overdue(), d.subject(), d.receivedAt(),
					d.lastChangedAt(), d.closedAt(), d.legalHold(), d.restriction());
		}
	}

	record Listing(List<Summary> items, int page, int size, long total) {
	}

	record StateChange(@NotNull ContactRequestState state) {
	}

	record NewNote(@NotBlank String text) {
	}

	record HoldRequest(@NotBlank @Size(max = MAX_REASON) String reason) {
	}

	@GetMapping
	Listing list(@Valid @ParameterObject ListQuery query) {
		ContactRequestPage found = requests.find(query.filter(), query.page(), query.size());
		return new Listing(found.items().stream().map(Summary::of).toList(), query.page(), query.size(),
				found.total());
	}

	@GetMapping("/{id}")
	ContactRequestDetails get(@PathVariable String id) {
		return requests.get(id);
	}

	@PutMapping(path = "/{id}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
	ContactRequestDetails changeState(@PathVariable String id, @Valid @RequestBody StateChange change) {
		return requests.moveTo(id, change.state());
	}

	@PostMapping(path = "/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ContactRequestDetails> addNote(@PathVariable String id, @Valid @RequestBody NewNote note,
			Principal staff) {
		String text = note.text().strip();
		if (text.length() > requests.limits().note()) {
			// The limit is configured, so it is checked here rather than by an annotation.
			throw new InvalidInputException(new FieldProblem("text", "too-long",
					"At most " + requests.limits().note() + " characters."));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(requests.addNote(id, text, actor(staff)));
	}

	@PutMapping(path = "/{id}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE)
	ContactRequestDetails holdLegally(@PathVariable String id, @Valid @RequestBody HoldRequest hold, Principal staff) {
		return requests.holdLegally(id, hold.reason().strip(), actor(staff));
	}

	@DeleteMapping("/{id}/legal-hold")
	ContactRequestDetails releaseLegalHold(@PathVariable String id) {
		return requests.releaseLegalHold(id);
	}

	/** Who did it, for notes and holds: the authenticated staff member where there is one. */
	private static String actor(Principal staff) {
		return staff == null ? "staff" : staff.getName();
	}
}
