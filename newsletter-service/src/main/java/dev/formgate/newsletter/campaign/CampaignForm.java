package dev.formgate.newsletter.campaign;

import java.util.List;
import java.util.Map;

/**
 * A campaign as an editor sends it (JSON): {@code content} by language ({@code de} required, {@code en} optional),
 * the {@code lists}, and optionally the {@code rate} (mails per second), the {@code connections} per instance and
 * whether it goes into the public {@code archive} (default yes). Checked by {@link CampaignRules}.
 */
public record CampaignForm(Map<String, Content> content, List<String> lists, Integer rate, Integer connections,
		Boolean archive) {
}
