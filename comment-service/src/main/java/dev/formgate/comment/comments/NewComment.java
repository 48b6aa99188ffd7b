package dev.formgate.comment.comments;

/**
 * A validated comment as posted: the text as typed (rendered escaped wherever it is shown), the display name and
 * notification address optional.
 *
 * @param clientAddress the client's address as the gateway resolved it: for the evidence log only
 */
public record NewComment(String site, String post, String displayName, String text, String email, String language,
		String clientAddress) {

	@Override
	public String toString() {
		return "NewComment[" + site + "/" + post + "]";
	}
}
