/** The public calls: posting, the published comments of a post, the author's delete link. */
package dev.formgate.comment.comments.web;
