package social.herd.accounts.impl;

import social.herd.accounts.impl.web.AccountsResource;
import social.herd.accounts.impl.web.AuthPagesResource;
import social.herd.accounts.impl.web.BlocksResource;
import social.herd.accounts.impl.web.DeletionPageResource;
import social.herd.accounts.impl.web.DomainBlocksResource;
import social.herd.accounts.impl.web.EmailConfirmationsResource;
import social.herd.accounts.impl.web.FollowRequestsResource;
import social.herd.accounts.impl.web.InviteResource;
import social.herd.accounts.impl.web.MutesResource;
import social.herd.accounts.impl.web.PreferencesResource;
import social.herd.accounts.impl.web.RelationshipsResource;
import social.herd.accounts.impl.web.SignUpPageResource;
import social.herd.web.testing.ApiHarness;

/** This bundle's resources over {@code f}'s services, served by the web bundle's {@link ApiHarness}. */
final class Api {

    private Api() {}

    static ApiHarness harness(Fixture f) {
        return harness(f, new SignUpPageResource(f.signUps, f.settings));
    }

    /** With the given web sign-up form, so a test can plug server rules into it. */
    static ApiHarness harness(Fixture f, SignUpPageResource signUpPage) {
        return new ApiHarness(new AccountsResource(f.signUps, f.profiles, f.moves, f.settings, new Directory(f.db, f.settings)), new AuthPagesResource(f.signUps, f.passwords),
                new RelationshipsResource(f.relationships, f.relationshipQueries, f.settings),
                new FollowRequestsResource(f.relationships, f.relationshipQueries, f.settings),
                new BlocksResource(f.relationshipQueries, f.settings), new MutesResource(f.relationshipQueries, f.settings),
                new DomainBlocksResource(f.relationships, f.relationshipQueries, f.settings),
                new PreferencesResource(f.profiles), new EmailConfirmationsResource(f.signUps),
                signUpPage, new DeletionPageResource(f.deletion, f.settings), new InviteResource(f.signUps, f.settings));
    }
}
