package social.herd.federation.impl.outbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.federation.ActorKeys;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.statuses.StatusDirectory;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.render.ActorRenderer;
import social.herd.federation.impl.render.ActorUris;
import social.herd.federation.impl.render.NoteRenderer;

/** The document renderers, wired once for the resources and the outgoing side. */
@Component(service = Renderers.class)
public final class Renderers {

    private final ActorUris actorUris;
    private final ActorRenderer actors;
    private final NoteRenderer notes;

    @Activate
    public Renderers(@Reference AccountDirectory accounts, @Reference ActorKeys keys, @Reference RemoteAccounts remote,
                     @Reference StatusDirectory statuses, @Reference FederatedStatuses federated,
                     @Reference FederationRuntime runtime) {
        this.actorUris = new ActorUris(accounts, remote, runtime.uris());
        this.actors = new ActorRenderer(accounts, keys, runtime.uris());
        this.notes = new NoteRenderer(statuses, federated, actorUris, runtime.uris());
    }

    public ActorUris actorUris() { return actorUris; }

    public ActorRenderer actors() { return actors; }

    public NoteRenderer notes() { return notes; }
}
