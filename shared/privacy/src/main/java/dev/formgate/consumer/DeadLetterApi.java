package dev.formgate.consumer;

import dev.formgate.security.AdminRoles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The admin API of this service's dead letters, at {@code formgate.consumer.dead-letters-path}: list them (without
 * payloads) and replay one once its cause is fixed.
 */
@RestController
@RequestMapping("${formgate.consumer.dead-letters-path:/api/admin/dead-letters}")
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class DeadLetterApi {

	private final DeadLetters deadLetters;

	DeadLetterApi(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	Map<String, List<DeadLetter>> list() {
		return Map.of("items", deadLetters.list());
	}

	@PostMapping("/{topic}/{partition}/{offset}/replay")
	DeadLetter replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
		return deadLetters.replay(topic, partition, offset);
	}
}
