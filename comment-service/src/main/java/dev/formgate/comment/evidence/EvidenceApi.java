package dev.formgate.comment.evidence;

import dev.formgate.security.AdminRoles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/admin/comments/{id}/evidence} and {@code …/legal-hold}: the privacy officer discloses one comment's
 * evidence, for a recorded reason, as a download (each disclosure is kept with the entry and, at the gateway, in the
 * staff audit trail), and keeps evidence under a legal hold while a claim is pending. Every call needs an admin token
 * with the role {@code privacy-admin}.
 */
@RestController
@RequestMapping(path = "/api/admin/comments", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class EvidenceApi {

	private static final Logger log = LoggerFactory.getLogger(EvidenceApi.class);
	static final int MAX_REASON = 500;

	private final EvidenceLog evidence;

	EvidenceApi(EvidenceLog evidence) {
		this.evidence = evidence;
	}

	record Reason(@NotBlank @Size(max = MAX_REASON) String reason) {
	}

	/** The download: what the log holds about the comment, and this disclosure. */
	record DisclosedEvidence(String commentId, String site, String post, Instant postedAt, String clientAddress,
			Disclosure disclosure, List<Disclosure> earlierDisclosures) {
	}

	/** The entry without the address: what a hold answers. */
	record HoldState(String commentId, Instant postedAt, LegalHold legalHold, int disclosures) {

		static HoldState of(EvidenceLog.Entry e) {
			return new HoldState(e.commentId(), e.postedAt(), e.legalHold(), e.disclosures().size());
		}
	}

	/** The evidence under legal hold now, the longest-held first: what keeps it, never the address. */
	record Holds(List<HoldState> items) {
	}

	@GetMapping("/legal-holds")
	Holds holds() {
		return new Holds(evidence.held().stream().map(HoldState::of).toList());
	}

	/** One comment's evidence: whether a hold keeps it; {@code 410 evidence-not-held} once it is gone. */
	@GetMapping("/{id}/legal-hold")
	HoldState holdOf(@PathVariable String id) {
		return evidence.find(id).map(HoldState::of).orElseThrow(EvidenceNotHeld::new);
	}

	@PostMapping(path = "/{id}/evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DisclosedEvidence> disclose(@PathVariable String id, @Valid @RequestBody Reason reason,
			Principal staff) {
		var entry = evidence.disclose(id, reason.reason().strip(), actor(staff));
		List<Disclosure> all = entry.disclosures();
		log.info("Evidence of comment {} disclosed ({} disclosures so far)", entry.commentId(), all.size());
		var body = new DisclosedEvidence(entry.commentId(), entry.site(), entry.post(), entry.postedAt(),
				entry.clientAddress(), all.getLast(), all.subList(0, all.size() - 1));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("comment-" + entry.commentId() + "-evidence.json").build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}

	@PutMapping(path = "/{id}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE)
	HoldState hold(@PathVariable String id, @Valid @RequestBody Reason reason, Principal staff) {
		return HoldState.of(evidence.hold(id, reason.reason().strip(), actor(staff)));
	}

	@DeleteMapping("/{id}/legal-hold")
	HoldState release(@PathVariable String id) {
		return HoldState.of(evidence.release(id));
	}

	private static String actor(Principal staff) {
		return staff == null ? "staff" : staff.getName();
	}
}
