package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key of workspace B acts on B alone: A's profiles, accounts and keys are invisible and untouchable. */
class WorkspaceIsolationHttpTest extends SharedServerTest {
    private ApiClient a;
    private ApiClient b;
    private String aProfile;
    private String aAccount;
    private String bProfile;
    private String bAccount;

    @BeforeEach
    void twoWorkspaces() {
        a = newWorkspace();
        b = newWorkspace();
        aProfile = a.createProfile("A's customer");
        bProfile = b.createProfile("B's customer");
        // The same Instagram account connected in both workspaces: still two separate accounts.
        aAccount = connect(a, aProfile, "17841400000000777", "shared_brand");
        bAccount = connect(b, bProfile, "17841400000000777", "shared_brand");
    }

    @Test
    void bCannotReadAsProfile() {
        JsonNode error = assertError(b.get("/v1/profiles/" + aProfile), 404, "profile_not_found");

        assertThat(error.get("message").asText()).doesNotContain("A's customer");
        assertThat(a.get("/v1/profiles/" + aProfile).status()).isEqualTo(200);
    }

    @Test
    void bCannotReadAsAccount() {
        Response r = b.get("/v1/accounts/" + aAccount);

        assertError(r, 404, "account_not_found");
        assertThat(r.body()).doesNotContain(aProfile);
    }

    @Test
    void bCannotDeleteAsAccountAndItSurvives() {
        assertError(b.delete("/v1/accounts/" + aAccount), 404, "account_not_found");

        Response still = a.get("/v1/accounts/" + aAccount);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("status").asText()).isEqualTo("active");
        assertThat(ids(a.get("/v1/accounts").json())).containsExactly(aAccount);
    }

    @Test
    void bCannotConnectToAsProfile() {
        int authorizationsBefore = instagram.calls(co.plugkit.testing.FakeInstagram.Endpoint.AUTHORIZE);

        Response r = b.connect(aProfile);

        assertError(r, 404, "profile_not_found");
        assertThat(r.body()).doesNotContain("authUrl");
        assertThat(instagram.calls(co.plugkit.testing.FakeInstagram.Endpoint.AUTHORIZE))
                .isEqualTo(authorizationsBefore);
        assertThat(ids(a.get("/v1/accounts").json())).containsExactly(aAccount);
    }

    @Test
    void listsShowOnlyTheCallersOwnProfilesAndAccounts() {
        assertThat(ids(b.get("/v1/profiles").json())).containsExactly(bProfile);
        assertThat(ids(b.get("/v1/profiles?limit=100").json())).containsExactly(bProfile);
        assertThat(ids(b.get("/v1/accounts").json())).containsExactly(bAccount);
        assertThat(ids(b.get("/v1/accounts?limit=100").json())).containsExactly(bAccount);
        assertThat(ids(a.get("/v1/profiles").json())).containsExactly(aProfile);
        assertThat(ids(a.get("/v1/accounts").json())).containsExactly(aAccount);
    }

    @Test
    void filteringByAnotherWorkspacesProfileShowsNothing() {
        Response r = b.get("/v1/accounts?profileId=" + aProfile);

        assertThat(r.status()).isIn(200, 404);
        if (r.status() == 200) {
            assertThat(r.json().get("data")).isEmpty();
        } else {
            assertError(r, 404, "profile_not_found");
        }
        assertThat(r.body()).doesNotContain(aAccount);
    }

    @Test
    void aCursorFromAnotherWorkspaceRevealsNothing() {
        for (int i = 0; i < 3; i++) {
            a.createProfile("more of A " + i);
        }
        String aCursor = a.get("/v1/profiles?limit=1").json().get("nextCursor").asText();

        Response r = b.get("/v1/profiles?cursor=" + ApiClient.encode(aCursor));

        assertThat(r.status()).isIn(200, 400);
        assertThat(r.body()).doesNotContain("more of A").doesNotContain(aProfile);
    }

    @Test
    void bCannotRevokeAsKeysOrSeeThem() {
        String aKeyId =
                a.get("/v1/api-keys").json().get("data").get(0).get("id").asText();

        assertError(b.delete("/v1/api-keys/" + aKeyId), 404, "api_key_not_found");

        assertThat(ids(b.get("/v1/api-keys").json())).doesNotContain(aKeyId).hasSize(1);
        assertThat(a.get("/v1/profiles").status()).isEqualTo(200);
    }

    @Test
    void disconnectingInOneWorkspaceLeavesTheSameInstagramAccountInTheOther() {
        assertThat(b.delete("/v1/accounts/" + bAccount).status()).isEqualTo(204);

        assertThat(a.get("/v1/accounts/" + aAccount).status()).isEqualTo(200);
        assertThat(b.get("/v1/accounts").json().get("data")).isEmpty();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
