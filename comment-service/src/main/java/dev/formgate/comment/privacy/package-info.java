/** comment-service's answers to data-subject requests. */
package dev.formgate.comment.privacy;
