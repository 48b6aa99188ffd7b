/** Comments: the aggregate and its moderation states, posting, publishing, the author's delete link and the subject's rights. */
package dev.formgate.comment.comments;
