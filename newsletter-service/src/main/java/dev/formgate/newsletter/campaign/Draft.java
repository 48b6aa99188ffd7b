package dev.formgate.newsletter.campaign;

import java.util.List;
import java.util.Map;

/**
 * A campaign as an editor writes it, checked ({@link CampaignRules}): the content per language (German always, English
 * optional), the lists it goes to, its pace, and whether it is shown in the public archive once it goes out.
 */
public record Draft(Map<String, Content> content, List<String> lists, Pace pace, boolean archive) {
}
