package dev.formgate.contact.staff;

import dev.formgate.contact.request.ContactRequestDetails;
import dev.formgate.contact.request.ContactRequestFilter;
import dev.formgate.contact.request.ContactRequestNotFound;
import dev.formgate.contact.request.ContactRequestPage;
import dev.formgate.contact.request.ContactRequestService;
import dev.formgate.contact.request.ContactRequestState;
import dev.formgate.contact.request.IllegalStateChange;
import dev.formgate.contact.request.LegalHold;
import dev.formgate.contact.request.ProcessingRestricted;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/admin/contact-requests}: what staff need to answer requests — a filtered list (overdue ones too), one
 * request with its message and notes, the workflow, internal notes and legal hold. Errors are RFC 9457 problems.
 * Every call needs an admin token with the role {@code contact-agent}.
 */
@RestController
@RequestMapping(path = "/api/admin/contact-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.CONTACT_AGENT + "')")
class StaffApi {

	static final URI NOT_FOUND = URI.create("https://formgate.dev/problems/contact-request-not-found");
	static final URI ILLEGAL_STATE_CHANGE = URI.create("https://formgate.dev/problems/illegal-state-change");
	static final URI PROCESSING_RESTRICTED = URI.create("https://formgate.dev/problems/processing-restricted");
	static final int MAX_PAGE_SIZE = 100;
	static final int MAX_REASON = 500;

	private final ContactRequestService requests;

	StaffApi(ContactRequestService requests) {
		this.requests = requests;
	}

	/** A list entry: enough to pick the next request, without its message. */
	record Summary(String id, String topic, ContactRequestState state, boolean overdue, String subject,
			Instant receivedAt, Instant lastChangedAt, Instant closedAt, LegalHold legalHold) {

		static Summary of(ContactRequestDetails d) {
			return new Summary(d.id(), d.topic(), d.state(), d.overdue(), d.subject(), d.receivedAt(),
					d.lastChangedAt(), d.closedAt(), d.legalHold());
		}
	}

	record Listing(List<Summary> items, int page, int size, long total) {
	}

	record StateChange(String state) {
	}

	record NewNote(String text) {
	}

	record HoldRequest(String reason) {
	}

	@GetMapping
	Listing list(@RequestParam(required = false) String state, @RequestParam(required = false) String topic,
			@RequestParam(required = false) String olderThan, @RequestParam(defaultValue = "false") String overdue,
			@RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "20") String size) {
		List<FieldProblem> problems = new ArrayList<>();
		var filter = new ContactRequestFilter(state == null ? null : state(state, problems),
				topic == null || topic.isBlank() ? null : topic.strip(), duration(olderThan, problems),
				bool("overdue", overdue, problems));
		int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, problems);
		int pageSize = number("size", size, 1, MAX_PAGE_SIZE, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		ContactRequestPage found = requests.find(filter, pageNumber, pageSize);
		return new Listing(found.items().stream().map(Summary::of).toList(), pageNumber, pageSize, found.total());
	}

	@GetMapping("/{id}")
	ContactRequestDetails get(@PathVariable String id) {
		return requests.get(id);
	}

	@PutMapping(path = "/{id}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
	ContactRequestDetails changeState(@PathVariable String id, @RequestBody StateChange change) {
		List<FieldProblem> problems = new ArrayList<>();
		ContactRequestState next = change.state() == null ? required("state", problems) : state(change.state(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return requests.moveTo(id, next);
	}

	@PostMapping(path = "/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ContactRequestDetails> addNote(@PathVariable String id, @RequestBody NewNote note,
			Principal staff) {
		String text = text("text", note.text(), requests.limits().note());
		return ResponseEntity.status(HttpStatus.CREATED).body(requests.addNote(id, text, actor(staff)));
	}

	@PutMapping(path = "/{id}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE)
	ContactRequestDetails holdLegally(@PathVariable String id, @RequestBody HoldRequest hold, Principal staff) {
		return requests.holdLegally(id, text("reason", hold.reason(), MAX_REASON), actor(staff));
	}

	@DeleteMapping("/{id}/legal-hold")
	ContactRequestDetails releaseLegalHold(@PathVariable String id) {
		return requests.releaseLegalHold(id);
	}

	@ExceptionHandler(ContactRequestNotFound.class)
	ResponseEntity<ProblemDetail> notFound() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no contact request with this id, or it has been deleted.");
		problem.setType(NOT_FOUND);
		problem.setTitle("Contact request not found");
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(IllegalStateChange.class)
	ResponseEntity<ProblemDetail> illegalStateChange(IllegalStateChange e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A request in state " + e.from() + " cannot move to " + e.to() + ".");
		problem.setType(ILLEGAL_STATE_CHANGE);
		problem.setTitle("Illegal state change");
		problem.setProperty("state", e.from());
		problem.setProperty("requestedState", e.to());
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(ProcessingRestricted.class)
	ResponseEntity<ProblemDetail> processingRestricted() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The sender asked to restrict processing (Art. 18 GDPR): the request keeps its state until the "
						+ "privacy officer lifts the restriction.");
		problem.setType(PROCESSING_RESTRICTED);
		problem.setTitle("Processing restricted");
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** Who did it, for notes and holds: the authenticated staff member where there is one. */
	private static String actor(Principal staff) {
		return staff == null ? "staff" : staff.getName();
	}

	private static ContactRequestState state(String value, List<FieldProblem> problems) {
		try {
			return ContactRequestState.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			problems.add(new FieldProblem("state", "invalid", "One of RECEIVED, IN_PROGRESS, ANSWERED, CLOSED."));
			return null;
		}
	}

	private static ContactRequestState required(String field, List<FieldProblem> problems) {
		problems.add(new FieldProblem(field, "required", "This field is required."));
		return null;
	}

	private static Duration duration(String value, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value.strip());
			if (!duration.isNegative()) {
				return duration;
			}
		}
		catch (IllegalArgumentException e) {
			// reported below
		}
		problems.add(new FieldProblem("olderThan", "invalid", "A duration such as P30D or 30d."));
		return null;
	}

	private static boolean bool(String field, String value, List<FieldProblem> problems) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> {
				problems.add(new FieldProblem(field, "invalid", "true or false."));
				yield false;
			}
		};
	}

	private static int number(String field, String value, int min, int max, List<FieldProblem> problems) {
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		problems.add(new FieldProblem(field, "invalid", "A whole number from " + min + " to " + max + "."));
		return min;
	}

	private static String text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(List.of(new FieldProblem(field, "required", "This field is required.")));
		}
		String text = value.strip();
		if (text.length() > max) {
			throw new InvalidInputException(List.of(new FieldProblem(field, "too-long", "At most " + max
					+ " characters.")));
		}
		return text;
	}
}
