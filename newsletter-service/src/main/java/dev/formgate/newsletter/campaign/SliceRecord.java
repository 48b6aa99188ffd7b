package dev.formgate.newsletter.campaign;

/**
 * A record on the work topic ({@code newsletter.campaign-slices}): "send this slice of this campaign". Keyed by the
 * slice id, so the slices spread over the partitions and each partition's owner sends its share. Holds ids only.
 */
record SliceRecord(String campaignId, String sliceId) {
}
