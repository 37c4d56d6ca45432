package social.herd.timelines.impl;

import social.herd.api.events.Event;
import social.herd.api.jobs.PermanentJobFailure;

/** Reading the ids an event must carry. */
public final class EventData {

    private EventData() {}

    /**
     * The id {@code key} of the event. A malformed event cannot get better by retrying, so its
     * absence is a permanent failure rather than a NullPointerException retried for days.
     */
    public static long need(Event event, String key) throws PermanentJobFailure {
        Long v = event.id(key);
        if (v == null) throw new PermanentJobFailure(event.type() + " without " + key);
        return v;
    }
}
