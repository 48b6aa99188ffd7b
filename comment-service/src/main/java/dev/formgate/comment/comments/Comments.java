package dev.formgate.comment.comments;

import dev.formgate.outbox.MongoOutboxDocuments;
import dev.formgate.outbox.Outbox;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The repository of comments: versioned single-document writes, queries on indexed fields only. */
@Component
class Comments extends MongoOutboxDocuments<Comment> {

	/** Most comments one post shows; a post with more shows the oldest this many. */
	static final int MAX_SHOWN = 1000;

	Comments(MongoTemplate mongo) {
		super(mongo, Comment.class);
	}

	void insert(Comment comment) {
		mongo.insert(comment);
	}

	@Override
	public String id(Comment comment) {
		return comment.id();
	}

	@Override
	public Outbox outbox(Comment comment) {
		return comment.outbox();
	}

	/** Once the publication notice is out (or dropped), the notification address has served its purpose. */
	@Override
	public void save(Comment comment) {
		if (comment.state() == CommentState.PUBLISHED && !comment.outbox().owesMails()) {
			comment.forgetAddress();
		}
		super.save(comment);
	}

	/** An erased comment goes once its last event is out. */
	@Override
	protected boolean isGoneOnceRelayed(Comment comment) {
		return comment.isGoneOnceRelayed();
	}

	/** A comment moderators may see: erased ones are gone for them even while their event waits in the outbox. */
	Optional<Comment> findVisible(String id) {
		return Optional.ofNullable(mongo.findById(id, Comment.class)).filter(c -> !c.isErased());
	}

	/** The post's published comments, oldest first (the post_state_posted index). */
	List<Comment> published(String site, String post) {
		return mongo.find(query(where("site").is(site).and("post").is(post).and("state").is(CommentState.PUBLISHED))
			.with(Sort.by("postedAt")).limit(MAX_SHOWN), Comment.class)
			.stream().filter(Comment::isShown).toList();
	}

	List<Comment> page(CommentFilter filter, int page, int size) {
		return mongo.find(query(criteria(filter)).with(Sort.by(Sort.Order.asc("postedAt"), Sort.Order.asc("_id")))
			.skip((long) page * size).limit(size), Comment.class);
	}

	long count(CommentFilter filter) {
		return mongo.count(query(criteria(filter)), Comment.class);
	}

	/**
	 * The subject's comments that are not erased: by the notification address's reference or, for a request that
	 * names a comment, by the comment's own.
	 */
	List<Comment> ofSubject(String subjectRef) {
		return mongo.find(query(new Criteria().orOperator(where("subjectRef").is(subjectRef),
				where("commentRef").is(subjectRef)).and("erasedAt").isNull())
			.with(Sort.by("postedAt")), Comment.class);
	}

	/** Ids of the comments stored before comments carried their own reference. */
	List<String> withoutCommentRef() {
		Query missing = query(where("commentRef").exists(false));
		missing.fields().include("_id");
		return mongo.find(missing, Comment.class).stream().map(Comment::id).toList();
	}

	void setCommentRef(String id, String commentRef) {
		mongo.updateFirst(query(where("_id").is(id).and("commentRef").exists(false)),
				new Update().set("commentRef", commentRef), Comment.class);
	}

	/** Comments still waiting for a moderator, posted before the cutoff. */
	List<Comment> pendingBefore(Instant cutoff) {
		return mongo.find(query(where("state").is(CommentState.PENDING).and("postedAt").lt(cutoff)), Comment.class);
	}

	/** Rejected and removed comments (no text left, only what happened) last changed before the cutoff. */
	List<Comment> endedBefore(Instant cutoff) {
		return mongo.find(query(where("state").in(CommentState.REJECTED, CommentState.REMOVED).and("changedAt")
			.lt(cutoff).and("erasedAt").isNull()), Comment.class);
	}

	private static Criteria criteria(CommentFilter filter) {
		Criteria c = where("state").is(filter.state());
		if (filter.site() != null) {
			c = c.and("site").is(filter.site());
		}
		if (filter.post() != null) {
			c = c.and("post").is(filter.post());
		}
		return c.and("erasedAt").isNull();
	}
}
