package dev.formgate.erasure.ledger.web;

import dev.formgate.erasure.ledger.AccessExport;
import dev.formgate.erasure.ledger.ExportGone;
import dev.formgate.erasure.ledger.Ledger;
import dev.formgate.erasure.ledger.LedgerConflict;
import dev.formgate.erasure.ledger.PrivacyRequestFilter;
import dev.formgate.erasure.ledger.PrivacyRequestNotFound;
import dev.formgate.erasure.ledger.PrivacyRequestPage;
import dev.formgate.erasure.ledger.PrivacyRequestView;
import dev.formgate.erasure.ledger.Receipt;
import dev.formgate.erasure.ledger.RequestState;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/admin/privacy-requests}: the privacy officer files data-subject requests and follows them to the
 * receipt (and, for access, the export). Errors are RFC 9457 problems. Every call needs the role
 * {@code privacy-admin}.
 */
@RestController
@RequestMapping(path = "/api/admin/privacy-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class PrivacyRequestApi {

	static final String PROBLEMS = "https://formgate.dev/problems/";
	static final int MAX_PAGE_SIZE = 100;

	private final Ledger ledger;
	private final Clock clock;

	PrivacyRequestApi(Ledger ledger, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
	}

	record Listing(List<PrivacyRequestView> items, int page, int size, long total) {
	}

	record ExtensionForm(Integer months, String reason) {
	}

	record CancellationForm(String reason) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PrivacyRequestView> file(@RequestBody PrivacyRequestForm form) {
		PrivacyRequestView filed = ledger.file(form.validated(clock.instant()));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(filed.id())
			.toUri();
		return ResponseEntity.created(location).body(filed);
	}

	@GetMapping
	Listing list(@RequestParam(required = false) String state, @RequestParam(required = false) String type,
			@RequestParam(defaultValue = "false") String overdue, @RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "20") String size) {
		List<FieldProblem> problems = new ArrayList<>();
		var filter = new PrivacyRequestFilter(Fields.enumValue("state", state, RequestState.class, problems),
				Fields.enumValue("type", type, RequestType.class, problems), Fields.bool("overdue", overdue, problems));
		int pageNumber = Fields.number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, problems);
		int pageSize = Fields.number("size", size, 1, MAX_PAGE_SIZE, problems);
		Fields.check(problems);
		PrivacyRequestPage found = ledger.find(filter, pageNumber, pageSize);
		return new Listing(found.items(), pageNumber, pageSize, found.total());
	}

	@GetMapping("/{id}")
	PrivacyRequestView get(@PathVariable String id) {
		return ledger.get(id);
	}

	@PostMapping(path = "/{id}/extension", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestView extend(@PathVariable String id, @RequestBody ExtensionForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		if (form.months() == null) {
			problems.add(Fields.required("months"));
		}
		else if (form.months() < 1 || form.months() > 2) {
			problems.add(new FieldProblem("months", "invalid", "1 or 2."));
		}
		String reason = Fields.text("reason", form.reason(), Fields.MAX_REASON, problems);
		Fields.check(problems);
		return ledger.extend(id, form.months(), reason);
	}

	@PostMapping(path = "/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestView cancel(@PathVariable String id, @RequestBody CancellationForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		String reason = Fields.text("reason", form.reason(), Fields.MAX_REASON, problems);
		Fields.check(problems);
		return ledger.cancel(id, reason);
	}

	@GetMapping("/{id}/receipt")
	Receipt receipt(@PathVariable String id) {
		return ledger.receipt(id);
	}

	/** Personal data: never cached on the way. */
	@GetMapping("/{id}/export")
	ResponseEntity<AccessExport> export(@PathVariable String id) {
		return ResponseEntity.ok().header("Cache-Control", "no-store")
			.header("Content-Disposition", "attachment; filename=\"access-export-" + id + ".json\"")
			.body(ledger.export(id));
	}

	@ExceptionHandler(PrivacyRequestNotFound.class)
	ResponseEntity<ProblemDetail> notFound() {
		return problem(HttpStatus.NOT_FOUND, "privacy-request-not-found", "Privacy request not found",
				"There is no privacy request with this id.");
	}

	@ExceptionHandler(LedgerConflict.class)
	ResponseEntity<ProblemDetail> conflict(LedgerConflict e) {
		return problem(HttpStatus.CONFLICT, e.kind(), "Not possible in this state", e.getMessage());
	}

	@ExceptionHandler(ExportGone.class)
	ResponseEntity<ProblemDetail> gone() {
		return problem(HttpStatus.GONE, "export-deleted", "Export deleted",
				"The stores' data for this request has been deleted after its retention period.");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String kind, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(PROBLEMS + kind));
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
