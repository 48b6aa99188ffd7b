package dev.formgate.gateway.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The signed-in person as the pages need them: a name to show, their roles, and the areas these open. */
record Staff(String name, Set<String> roles) {

	static Staff of(Authentication authentication) {
		String name = authentication.getName();
		if (authentication.getPrincipal() instanceof OidcUser user) {
			name = user.getFullName() != null ? user.getFullName()
					: user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
		}
		return new Staff(name, authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet()));
	}

	/** Who did it, in the audit trail and in notes: the provider's subject. */
	static String subject(Authentication authentication) {
		return authentication.getName();
	}

	boolean has(String role) {
		return roles.contains(role);
	}

	List<Area> areas() {
		return Arrays.stream(Area.values()).filter(area -> has(area.role)).toList();
	}

	public String getName() {
		return name;
	}

	public List<Area> getAreas() {
		return areas();
	}

	public boolean hasRole(String role) {
		return has(role);
	}
}
