package dev.formgate.erasure.registry.web;

import dev.formgate.erasure.registry.Registry;
import dev.formgate.erasure.registry.StoreInventory;
import dev.formgate.security.AdminRoles;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/admin/inventory}: the record of processing (Art. 30) from the stores' announcements, as JSON. The
 * staff console renders it for people (in German or English); it is rendered there only. Needs the role
 * {@code privacy-admin}.
 */
@RestController
@RequestMapping(path = "/api/admin/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class InventoryApi {

	private final Registry registry;
	private final Clock clock;

	InventoryApi(Registry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	record Inventory(Instant generatedAt, List<StoreInventory> stores) {
	}

	@Operation(summary = "The record of processing (Art. 30): every registered store's inventory")
	@GetMapping
	Inventory inventory() {
		return new Inventory(clock.instant(), registry.all());
	}
}
