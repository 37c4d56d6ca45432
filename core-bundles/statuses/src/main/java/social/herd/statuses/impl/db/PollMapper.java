package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Polls and their votes; statements in PollMapper.xml. Option lists travel as JSON text (one
 * string each way) rather than through a MyBatis array type handler.
 */
public interface PollMapper {

    int insert(@Param("id") long id, @Param("statusId") long statusId, @Param("accountId") long accountId,
               @Param("options") String optionsJson, @Param("multiple") boolean multiple,
               @Param("hideTotals") boolean hideTotals, @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    PollRow byId(@Param("id") long id);

    PollRow byStatus(@Param("statusId") long statusId);

    List<PollRow> byStatuses(@Param("ids") Collection<Long> statusIds);

    /** Changes what an edit may change without invalidating the votes. */
    int update(@Param("id") long id, @Param("hideTotals") boolean hideTotals, @Param("expiresAt") Instant expiresAt);

    /** Removes a poll and (by cascade) its votes. */
    int delete(@Param("id") long id);

    /** Records a vote; 0 when the account has voted on this poll already (also concurrently). */
    int vote(@Param("pollId") long pollId, @Param("accountId") long accountId, @Param("choices") String choicesJson,
             @Param("now") Instant now);

    /**
     * Stores a remote poll with its reported counts ({@code votesJson}: a JSON array, one per
     * option); {@code expiresAt} may be null.
     */
    int insertRemote(@Param("id") long id, @Param("statusId") long statusId, @Param("accountId") long accountId,
                     @Param("options") String optionsJson, @Param("multiple") boolean multiple,
                     @Param("expiresAt") Instant expiresAt, @Param("votes") String votesJson,
                     @Param("voters") Integer voters, @Param("now") Instant now);

    /** A remote poll's newly reported counts (and end); local votes before {@code now} are in them. */
    int updateRemoteCounts(@Param("id") long id, @Param("votes") String votesJson, @Param("voters") Integer voters,
                           @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    /** Votes per option, leaving out the votes already in a remote poll's reported counts. */
    List<PollTally> tallies(@Param("ids") Collection<Long> pollIds);

    /** (poll id, number of accounts that voted), leaving out those in a remote poll's reported count. */
    List<Ref> voters(@Param("ids") Collection<Long> pollIds);

    List<PollVote> votesOf(@Param("accountId") long accountId, @Param("ids") Collection<Long> pollIds);
}
