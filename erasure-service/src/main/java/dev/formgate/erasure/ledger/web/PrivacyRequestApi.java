package dev.formgate.erasure.ledger.web;

import dev.formgate.erasure.ledger.AccessExport;
import dev.formgate.erasure.ledger.Ledger;
import dev.formgate.erasure.ledger.PrivacyRequestFilter;
import dev.formgate.erasure.ledger.PrivacyRequestPage;
import dev.formgate.erasure.ledger.PrivacyRequestView;
import dev.formgate.erasure.ledger.Receipt;
import dev.formgate.erasure.ledger.RequestState;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api/admin/privacy-requests}: the privacy officer files data-subject requests and follows them to the
 * receipt (and, for access, the export). Parameters and bodies are typed and validated; every refusal is an RFC 9457
 * problem of the shared catalogue. Every call needs the role {@code privacy-admin}.
 */
@RestController
@RequestMapping(path = "/api/admin/privacy-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class PrivacyRequestApi {

	static final int MAX_PAGE_SIZE = 100;
	static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;
	static final int MAX_REASON = 500;

	private final Ledger ledger;
	private final Clock clock;

	PrivacyRequestApi(Ledger ledger, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
	}

	record Listing(List<PrivacyRequestView> items, int page, int size, long total) {
	}

	/** The list's filter and page, from the query. */
	record ListQuery(RequestState state, RequestType type, Boolean overdue, @Min(0) @Max(MAX_PAGE) Integer page,
			@Min(1) @Max(MAX_PAGE_SIZE) Integer size) {

		ListQuery {
			overdue = overdue != null && overdue;
			page = page == null ? 0 : page;
			size = size == null ? 20 : size;
		}
	}

	/** @param months 1 or 2 (Art. 12(3) GDPR allows two months more in all) */
	record ExtensionForm(@NotNull @Min(1) @Max(2) Integer months, @NotBlank @Size(max = MAX_REASON) String reason) {
	}

	record CancellationForm(@NotBlank @Size(max = MAX_REASON) String reason) {
	}

	enum Decision {
		APPROVE, DECLINE
	}

	/**
	 * @param reason why a request is declined: required then, and shown to the person (Art. 12(4) GDPR)
	 */
	record ReviewForm(@NotNull Decision decision, @Size(max = MAX_REASON) String reason) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PrivacyRequestView> file(@RequestBody PrivacyRequestForm form) {
		PrivacyRequestView filed = ledger.file(form.validated(clock.instant()));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(filed.id())
			.toUri();
		return ResponseEntity.created(location).body(filed);
	}

	@GetMapping
	Listing list(@Valid @ParameterObject ListQuery query) {
		PrivacyRequestPage found = ledger.find(new PrivacyRequestFilter(query.state(), query.type(), query.overdue()),
				query.page(), query.size());
		return new Listing(found.items(), query.page(), query.size(), found.total());
	}

	@GetMapping("/{id}")
	PrivacyRequestView get(@PathVariable String id) {
		return ledger.get(id);
	}

	@PostMapping(path = "/{id}/extension", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestView extend(@PathVariable String id, @Valid @RequestBody ExtensionForm form) {
		return ledger.extend(id, form.months(), form.reason().strip());
	}

	@PostMapping(path = "/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestView cancel(@PathVariable String id, @Valid @RequestBody CancellationForm form) {
		return ledger.cancel(id, form.reason().strip());
	}

	/** The officer's review of a self-service request held for it: it goes out, or it is declined for a reason. */
	@PostMapping(path = "/{id}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestView review(@PathVariable String id, @Valid @RequestBody ReviewForm form, Principal officer) {
		if (form.decision() == Decision.APPROVE) {
			return ledger.approve(id, officer.getName());
		}
		if (form.reason() == null || form.reason().isBlank()) {
			throw new InvalidInputException(List.of(FieldProblem.required("reason")));
		}
		if (FieldRules.hasFormatCharacters(form.reason())) {
			throw new InvalidInputException(
					List.of(FieldProblem.invalid("reason", "Invisible formatting characters are not allowed.")));
		}
		return ledger.decline(id, officer.getName(), form.reason().strip());
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
}
