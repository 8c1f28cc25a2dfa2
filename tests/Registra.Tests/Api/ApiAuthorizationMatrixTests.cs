using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>
/// Every caller role against every endpoint family, with the expected policy written as a table.
/// The event stream is covered in <see cref="ApiEventStreamTests"/> because it never ends.
/// </summary>
public sealed class ApiAuthorizationMatrixTests(ApiAuthorizationMatrixTests.World world) : IClassFixture<ApiAuthorizationMatrixTests.World>
{
    /// <summary>Callers, in the column order of <see cref="Policy"/>.</summary>
    public static readonly string[] Roles =
        ["operator", "agent", "other-agent", "agent-no-permissions", "claim-issuer", "investor", "auditor-acme", "auditor-all"];

    /// <summary>
    /// Expected status per endpoint and caller: "ok" is any 2xx, "403" is forbidden, and "404" hides
    /// what the caller may not see. A trailing "?" marks a cell that
    /// matches the current behaviour but is an open policy question. Callers without a key or with an
    /// invalid one get 401 everywhere.
    /// </summary>
    private static readonly (string Endpoint, string Outcomes)[] Policy =
    [
        // endpoint                 operator agent other  no-perm claim investor aud-acme aud-all
        ("issuers.create",          "ok      403   403    403     403   403      403      403"),
        ("issuers.list",            "ok      ok    ok     ok      ok    ok?      ok       ok"),
        ("securities.create",       "ok      ok    403    403     403   403      403      403"),
        ("securities.list",         "ok      ok    ok     ok      ok?   ok?      ok       ok"),
        ("securities.get",          "ok      ok    404    ok      ok?   ok?      ok       ok"),
        ("rules.get",               "ok      ok    404    ok      ok?   ok?      ok       ok"),
        ("rules.put",               "ok      ok    403    403     403   403      403      403"),
        ("trusted-issuers.add",     "ok      ok    403    403     403   403      403      403"),
        ("pause",                   "ok      ok    403    403     403   403      403      403"),
        ("claim-issuers.create",    "ok      403   403    403     403   403      403      403"),
        ("claim-issuers.list",      "ok      ok    ok     ok      ok    ok       ok       ok"),
        ("identities.create",       "ok      ok    ok?    ok?     ok?   403      403      403"),
        ("identities.get",          "ok      ok    404    ok      ok    404      ok       ok"),
        ("accounts.add",            "ok      ok?   ok?    ok?     ok?   403      403      403"),
        ("claims.add",              "ok      403   403    403     ok    403      403      403"),
        ("issuances",               "ok      ok    403    403     403   403      403      403"),
        ("redemptions",             "ok      ok    403    403     403   403      403      403"),
        ("transfers",               "ok      ok    403    403     403   ok       403      403"),
        ("transfers.check",         "ok      ok    404    ok      ok?   ok       ok?      ok?"),
        ("transfers.batch",         "ok      ok    403    403     403   ok       403      403"),
        ("forced-transfers",        "ok      ok    403    403     403   403      403      403"),
        ("freezes",                 "ok      ok    403    403     403   403      403      403"),
        ("accounts.recover",        "ok      ok    403    403     403   403      403      403"),
        ("queued-transfers.approve","ok      ok    403    403     403   403      403      403"),
        ("queued-transfers.deny",   "ok      ok    403    403     403   403      403      403"),
        ("queued-transfers.get",    "ok      ok    404    ok      404   ok       ok       ok"),
        ("queued-transfers.list",   "ok      ok    404    ok      404   ok       ok       ok"),
        ("holders",                 "ok      ok    404    ok      404   404      ok       ok"),
        ("positions.get",           "ok      ok    404    ok      404   ok       ok       ok"),
        ("ledger.blocks",           "ok      ok    ok     ok      403   403      ok       ok"),
        ("ledger.proof",            "ok      404   404    404     403   403      404      ok"),
        ("ledger.node-key",         "ok      ok    ok     ok      ok    ok       ok       ok"),
        ("ballots.create",          "ok      ok    403    403     403   403      403      403"),
        ("ballots.list",            "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("ballots.get",             "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("ballots.vote",            "ok      403   403    403     403   ok       403      403"),
        ("ballots.certify",         "ok      ok    403    403     403   403      403      403"),
        ("ballots.results",         "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("splits.create",           "ok      ok    403    403     403   403      403      403"),
        ("splits.list",             "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("stock-dividends.create",  "ok      ok    403    403     403   403      403      403"),
        ("stock-dividends.list",    "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("cash.open",               "ok      403   403    403     403   ok       403      403"),
        ("cash.list",               "ok      ok    ok     ok      ok    ok       ok       ok"),
        ("cash.get",                "ok      ok    404    ok      404   404      ok       ok"),
        ("cash.deposit",            "ok      ok    403    403     403   403      403      403"),
        ("cash.withdraw",           "ok      ok    403    403     403   403      403      403"),
        ("distributions.announce",  "ok      ok    403    403     403   403      403      403"),
        ("distributions.list",      "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("distributions.get",       "ok      ok    404    ok      404   ok       ok       ok"),
        ("distributions.pay",       "ok      ok    404    403     404   403      403      403"),
        ("distributions.claim",     "ok      ok    404    403     404   ok       403      403"),
        ("distributions.reclaim",   "ok      ok    404    403     404   403      403      403"),
        ("distributions.cancel",    "ok      ok    404    403     404   403      403      403"),
        ("distributions.report",    "ok      ok    404    ok      404   ok       ok       ok"),
        ("coupons.schedule",        "ok      ok    403    403     403   403      403      403"),
        ("redeem-at-maturity",      "ok      ok    403    403     403   403      403      403"),
        ("coupons.get",             "ok      ok    404    ok      ok?   ok?      ok       ok"),
        ("waterfalls.issuer",       "ok      ok    404    ok      403   403      ok       ok"),
        ("waterfalls.security",     "ok      ok    404    ok      403   403      ok       ok"),
        ("queued-transfers.cancel", "ok      ok    403    403     403   ok       403      403"),
        ("holds.create",            "ok      ok    403    403     403   ok       403      403"),
        ("holds.get",               "ok      ok    404    ok      404   ok       ok       ok"),
        ("holds.execute",           "ok      ok    403    403     403   403      403      403"),
        ("instructions.create",     "ok      ok    403    403     403   ok       403      403"),
        ("instructions.get",        "ok      ok    404    ok      404   ok       ok       ok"),
        ("instructions.affirm",     "ok      403   403    403     403   ok       403      403"),
        ("instructions.settle",     "ok      403   403    403     403   ok       403      403"),
        ("market.configure",        "ok      ok    403    403     403   403      403      403"),
        ("market.get",              "ok      ok    404    ok      ok    ok       ok       ok"),
        ("market.book",             "ok      ok    404    ok      ok    ok       ok       ok"),
        ("market.trades",           "ok      ok    404    ok      ok    ok       ok       ok"),
        ("orders.place",            "ok      ok    403    403     403   ok       403      403"),
        ("orders.get",              "ok      ok    404    ok      404   ok       ok       ok"),
        ("orders.cancel",           "ok      ok    403    403     403   ok       403      403"),
        ("offerings.open",          "ok      ok    403    403     403   403      403      403"),
        ("offerings.list",          "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("offerings.get",           "ok      ok    404    ok      ok?   ok       ok       ok"),
        ("offerings.close",         "ok      ok    403    403     403   403      403      403"),
        ("offerings.cancel",        "ok      ok    403    403     403   403      403      403"),
        ("offerings.allocations",   "ok      ok    404    ok      404   ok       ok       ok"),
        ("subscriptions.create",    "ok      ok    403    403     403   ok       403      403"),
        ("subscriptions.list",      "ok      ok    404    ok      404   ok       ok       ok"),
        ("subscriptions.get",       "ok      ok    404    ok      404   ok       ok       ok"),
        ("subscriptions.amend",     "ok      ok    403    403     403   ok       403      403"),
        ("subscriptions.withdraw",  "ok      ok    403    403     403   ok       403      403"),
        ("identities.orders",       "ok      ok    404    ok      404   ok       ok       ok"),
        ("identities.holds",        "ok      ok    404    ok      404   ok       ok       ok"),
        ("identities.instructions", "ok      ok    404    ok      404   ok       ok       ok"),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (endpoint, outcomes) in Policy)
        {
            var cells = outcomes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Roles.Length, cells.Length);
            for (var i = 0; i < Roles.Length; i++)
            {
                data.Add(endpoint, Roles[i], cells[i].TrimEnd('?'));
            }

            data.Add(endpoint, "no-key", "401");
            data.Add(endpoint, "invalid-key", "401");
        }

        return data;
    }

    [Fact]
    public void Policy_CoversEveryEndpoint()
    {
        Assert.Equal(Policy.Select(row => row.Endpoint).Order(), world.Endpoints.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_ByRole_MatchesPolicy(string endpoint, string role, string expected)
    {
        var request = await world.Endpoints[endpoint](world);
        using var response = await world.Clients[role].SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        await world.RestoreAsync();

        var actual = (int)response.StatusCode is >= 200 and < 300 ? "ok" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expected == actual, $"{endpoint} as {role}: expected {expected}, got {(int)response.StatusCode} {text}");
    }

    /// <summary>
    /// One API with issuers acme and globex, a security each, a second acme security that queues
    /// transfers for approval, an acme bond with coupon terms, investors alice and bob holding acme
    /// units, and a client per role.
    /// </summary>
    public sealed class World : IAsyncLifetime
    {
        private int _next;

        internal ApiFixture Api { get; private set; } = null!;

        public string Acme { get; private set; } = "";

        public string Queued { get; private set; } = "";

        /// <summary>An acme security that the split and stock dividend rows change, so they leave Acme's balances alone.</summary>
        public string Splits { get; private set; } = "";

        public DateTimeOffset SplitsRecordAt { get; private set; }

        public string OpenBallot { get; private set; } = "";

        public string CertifiedBallot { get; private set; } = "";
        public string Bond { get; private set; } = "";

        public Dictionary<string, HttpClient> Clients { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Func<World, Task<HttpRequestMessage>>> Endpoints { get; } = new(StringComparer.Ordinal)
        {
            ["issuers.create"] = w => Post("/v1/issuers", new { id = w.NextId("issuer"), name = "Issuer" }),
            ["issuers.list"] = _ => Get("/v1/issuers"),
            ["securities.create"] = w => Post("/v1/securities", new { issuerId = "acme", name = w.NextId("security"), assetClass = "equity", decimals = 0 }),
            ["securities.list"] = _ => Get("/v1/securities"),
            ["securities.get"] = w => Get($"/v1/securities/{w.Acme}"),
            ["rules.get"] = w => Get($"/v1/securities/{w.Acme}/rules"),
            ["rules.put"] = w => w.PutRulesRequestAsync(),
            ["trusted-issuers.add"] = w => w.AddTrustedIssuerRequestAsync(),
            ["pause"] = w => Post($"/v1/securities/{w.Acme}:pause", new { }),
            ["claim-issuers.create"] = w => Post("/v1/claim-issuers", new { id = w.NextId("kyc"), name = "KYC" }),
            ["claim-issuers.list"] = _ => Get("/v1/claim-issuers"),
            ["identities.create"] = w => Post("/v1/identities", new { id = w.NextId("person"), kind = "individual", name = "Person" }),
            ["identities.get"] = _ => Get("/v1/identities/bob"),
            ["accounts.add"] = w => Post("/v1/identities/bob/accounts", new { id = w.NextId("bob") }),
            ["claims.add"] = w => Post("/v1/identities/bob/claims", new { id = w.NextId("claim"), type = "accredited", value = "true", claimIssuerId = "kyc-co" }),
            ["issuances"] = w => Post($"/v1/securities/{w.Acme}/issuances", new { accountId = "bob-1", amount = "1" }),
            ["redemptions"] = w => Post($"/v1/securities/{w.Acme}/redemptions", new { accountId = "bob-1", amount = "1" }),
            ["transfers"] = w => Post($"/v1/securities/{w.Acme}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" }),
            ["transfers.check"] = w => Post($"/v1/securities/{w.Acme}/transfers:check", new { from = "alice-1", to = "bob-1", amount = "1" }),
            ["transfers.batch"] = w => Post($"/v1/securities/{w.Acme}/transfers:batch", new { transfers = new[] { new { from = "alice-1", to = "bob-1", amount = "1" } } }),
            ["forced-transfers"] = w => Post($"/v1/securities/{w.Acme}/forced-transfers", new { from = "alice-1", to = "bob-1", amount = "1" }),
            ["freezes"] = w => Post($"/v1/securities/{w.Acme}/freezes", new { accountId = "bob-1", amount = "1" }),
            ["accounts.recover"] = w => w.RecoverRequestAsync(),
            ["queued-transfers.approve"] = w => w.ApproveRequestAsync(),
            ["queued-transfers.deny"] = w => w.QueuedRequestAsync(id => Post($"/v1/queued-transfers/{id}:deny", new { reason = "not eligible" })),
            ["queued-transfers.get"] = w => w.QueuedRequestAsync(id => Get($"/v1/queued-transfers/{id}")),
            ["queued-transfers.list"] = w => Get($"/v1/securities/{w.Queued}/queued-transfers"),
            ["holders"] = w => Get($"/v1/securities/{w.Acme}/holders"),
            ["positions.get"] = w => Get($"/v1/securities/{w.Acme}/positions/alice-1"),
            ["ledger.blocks"] = _ => Get("/v1/ledger/blocks"),
            ["ledger.proof"] = _ => Get("/v1/ledger/events/1/proof"),
            ["ledger.node-key"] = _ => Get("/v1/ledger/node-key"),
            ["ballots.create"] = w => Post($"/v1/securities/{w.Acme}/ballots", w.BallotBody(w.Api.Clock.GetUtcNow().AddDays(1))),
            ["ballots.list"] = w => Get($"/v1/securities/{w.Acme}/ballots"),
            ["ballots.get"] = w => Get($"/v1/securities/{w.Acme}/ballots/{w.OpenBallot}"),
            ["ballots.vote"] = w => Post($"/v1/securities/{w.Acme}/ballots/{w.OpenBallot}/votes", new { identityId = "alice", votes = new[] { new { motion = 1, choice = 1 } } }),
            ["ballots.certify"] = w => w.CertifyRequestAsync(),
            ["ballots.results"] = w => Get($"/v1/securities/{w.Acme}/ballots/{w.CertifiedBallot}/results"),
            ["splits.create"] = w => Post($"/v1/securities/{w.Splits}/splits", new { numerator = 2, denominator = 1 }),
            ["splits.list"] = w => Get($"/v1/securities/{w.Splits}/splits"),
            ["stock-dividends.create"] = w => Post($"/v1/securities/{w.Splits}/stock-dividends", new { numerator = 1, denominator = 1, recordAt = w.SplitsRecordAt }),
            ["stock-dividends.list"] = w => Get($"/v1/securities/{w.Splits}/stock-dividends"),
            ["cash.open"] = w => Post("/v1/cash/accounts", new { ownerKind = "identity", ownerId = "alice", currency = w.NextCurrency() }),
            ["cash.list"] = _ => Get("/v1/cash/accounts"),
            ["cash.get"] = _ => Get("/v1/cash/accounts/issuer/acme/USD"),
            ["cash.deposit"] = _ => Post("/v1/cash/accounts/issuer/acme/USD/deposits", new { amount = "1", reference = "wire" }),
            ["cash.withdraw"] = _ => Post("/v1/cash/accounts/issuer/acme/USD/withdrawals", new { amount = "0.01" }),
            ["distributions.announce"] = w => Post($"/v1/securities/{w.Acme}/distributions", Dividend("USD", null)),
            ["distributions.list"] = w => Get($"/v1/securities/{w.Acme}/distributions"),
            ["distributions.get"] = w => Get($"/v1/securities/{w.Acme}/distributions/{w.PaidDistribution}"),
            ["distributions.pay"] = async w => await Post($"/v1/securities/{w.Acme}/distributions/{await w.AnnounceAsync("USD", null)}:pay", new { }),
            ["distributions.claim"] = w => w.ClaimRequestAsync(),
            ["distributions.reclaim"] = w => w.ReclaimRequestAsync(),
            ["distributions.cancel"] = async w => await Post($"/v1/securities/{w.Acme}/distributions/{await w.AnnounceAsync("USD", null)}:cancel", new { }),
            ["distributions.report"] = w => Get($"/v1/securities/{w.Acme}/distributions/{w.PaidDistribution}/report"),
            ["coupons.schedule"] = async w => await Post($"/v1/securities/{await w.CreateBondAsync("2040-01-01")}/coupons", new { }),
            ["redeem-at-maturity"] = async w => await Post($"/v1/securities/{await w.CreateBondAsync("2024-01-01")}:redeemAtMaturity", new { }),
            ["coupons.get"] = w => Get($"/v1/securities/{w.Bond}/coupons"),
            ["waterfalls.issuer"] = _ => Post("/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "1000" }),
            ["waterfalls.security"] = w => Post($"/v1/securities/{w.Acme}/waterfalls", new { currency = "USD", exitAmount = "1000" }),
            ["queued-transfers.cancel"] = w => w.CancelQueuedRequestAsync(),
            ["holds.create"] = w => Post($"/v1/securities/{w.Acme}/holds", new { id = w.NextId("hold"), from = "alice-1", to = "bob-1", amount = "1", expiresAt = DateTimeOffset.UtcNow.AddDays(1) }),
            ["holds.get"] = w => w.HoldRequestAsync(hold => Get($"/v1/holds/{hold}")),
            ["holds.execute"] = w => w.HoldRequestAsync(hold => Post($"/v1/holds/{hold}:execute", new { })),
            ["instructions.create"] = w => Post("/v1/settlement-instructions", w.InstructionBody()),
            ["instructions.get"] = w => w.InstructionRequestAsync(affirm: false, id => Get($"/v1/settlement-instructions/{id}")),
            ["instructions.affirm"] = w => w.InstructionRequestAsync(affirm: false, id => Post($"/v1/settlement-instructions/{id}:affirm", new { partyId = "alice" })),
            ["instructions.settle"] = w => w.InstructionRequestAsync(affirm: true, id => Post($"/v1/settlement-instructions/{id}:settle", new { })),
            ["market.configure"] = w => Put($"/v1/securities/{w.Queued}/market", new { currency = "RON", tickSize = "0.01", lotSize = "1" }),
            ["market.get"] = w => Get($"/v1/securities/{w.Acme}/market"),
            ["market.book"] = w => Get($"/v1/securities/{w.Acme}/book"),
            ["market.trades"] = w => Get($"/v1/securities/{w.Acme}/trades"),
            ["orders.place"] = w => Post($"/v1/securities/{w.Acme}/orders", new { accountId = "alice-1", side = "sell", quantity = "1", price = "99" }),
            ["orders.get"] = w => w.OrderRequestAsync(order => Get($"/v1/orders/{order}")),
            ["orders.cancel"] = w => w.OrderRequestAsync(order => Post($"/v1/orders/{order}:cancel", new { })),
            ["offerings.open"] = w => Post($"/v1/securities/{w.Acme}/offerings", w.OfferingBody()),
            ["offerings.list"] = w => Get($"/v1/securities/{w.Acme}/offerings"),
            ["offerings.get"] = w => w.OfferingRequestAsync(subscribe: false, id => Get($"/v1/offerings/{id}")),
            ["offerings.close"] = w => w.OfferingRequestAsync(subscribe: true, id => Post($"/v1/offerings/{id}:close", new { early = true })),
            ["offerings.cancel"] = w => w.OfferingRequestAsync(subscribe: true, id => Post($"/v1/offerings/{id}:cancel", new { })),
            ["offerings.allocations"] = w => Get($"/v1/offerings/{w.ClosedOffering}/allocations"),
            ["subscriptions.create"] = w => w.OfferingRequestAsync(subscribe: false, id => Post($"/v1/offerings/{id}/subscriptions", new { accountId = "alice-1", quantity = "1" })),
            ["subscriptions.list"] = w => w.OfferingRequestAsync(subscribe: true, id => Get($"/v1/offerings/{id}/subscriptions")),
            ["subscriptions.get"] = w => w.OfferingRequestAsync(subscribe: true, id => Get($"/v1/offerings/{id}/subscriptions/alice")),
            ["subscriptions.amend"] = w => w.OfferingRequestAsync(subscribe: true, id => Post($"/v1/offerings/{id}/subscriptions/alice:amend", new { quantity = "2" })),
            ["subscriptions.withdraw"] = w => w.OfferingRequestAsync(subscribe: true, id => Post($"/v1/offerings/{id}/subscriptions/alice:withdraw", new { })),
            ["identities.orders"] = w => w.OrderRequestAsync(_ => Get("/v1/identities/alice/orders")),
            ["identities.holds"] = w => w.HoldRequestAsync(_ => Get("/v1/identities/alice/holds?status=open")),
            ["identities.instructions"] = w => w.InstructionRequestAsync(affirm: false, _ => Get("/v1/identities/alice/settlement-instructions")),
        };

        public async Task InitializeAsync()
        {
            Api = await ApiFixture.StartAsync();
            Acme = await Api.SeedAsync(0, "alice", "bob");
            await Api.PostOk($"/v1/securities/{Acme}/issuances", new { accountId = "alice-1", amount = "100000" });
            await Api.PostOk($"/v1/securities/{Acme}/issuances", new { accountId = "bob-1", amount = "100000" });
            var queued = await Api.PostOk("/v1/securities", new { issuerId = "acme", name = "Acme Restricted", assetClass = "equity", decimals = 0 });
            Queued = queued.GetProperty("id").GetString()!;
            await Api.PostOk($"/v1/securities/{Queued}/issuances", new { accountId = "alice-1", amount = "100000" });
            await Api.PutRulesAsync(Queued, new { type = "issuer_approval" });
            var bond = await Api.PostOk("/v1/securities", new
            {
                issuerId = "acme",
                name = "Acme 5% 2030",
                assetClass = "debt",
                decimals = 0,
                terms = new Dictionary<string, string>
                {
                    ["face_value"] = "1000.00 USD", ["coupon_rate"] = "5%", ["coupon_frequency"] = "semi_annual",
                    ["day_count"] = "30/360", ["issue_date"] = "2025-01-15", ["maturity_date"] = "2030-01-15",
                },
            });
            Bond = bond.GetProperty("id").GetString()!;

            // The book trades in RON, a currency no other row uses, so alice and bob can hold accounts in it.
            foreach (var investor in new[] { "alice", "bob" })
            {
                await Api.PostOk("/v1/cash/accounts", new { ownerKind = "identity", ownerId = investor, currency = "RON" });
                await Api.PostOk($"/v1/cash/accounts/identity/{investor}/RON/deposits", new { amount = "1000000" });
            }

            using var market = await Api.Operator.PutAsJsonAsync($"/v1/securities/{Acme}/market", new { currency = "RON", tickSize = "0.01", lotSize = "1" });
            Assert.True(market.IsSuccessStatusCode, await market.Content.ReadAsStringAsync());
            await Api.PostOk("/v1/issuers", new { id = "globex", name = "Globex" });
            await Api.PostOk("/v1/securities", new { issuerId = "globex", name = "Globex Common", assetClass = "equity", decimals = 0 });
            var splits = await Api.PostOk("/v1/securities", new { issuerId = "acme", name = "Acme Split Shares", assetClass = "equity", decimals = 0 });
            Splits = splits.GetProperty("id").GetString()!;
            await Api.PostOk($"/v1/securities/{Splits}/issuances", new { accountId = "alice-1", amount = "10" });
            SplitsRecordAt = Api.Clock.GetUtcNow();
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
            OpenBallot = (await Api.PostOk($"/v1/securities/{Acme}/ballots", BallotBody(Api.Clock.GetUtcNow().AddDays(30)))).GetProperty("id").GetString()!;
            CertifiedBallot = await ClosedBallotAsync();
            await Api.PostOk($"/v1/securities/{Acme}/ballots/{CertifiedBallot}:certify", new { });
            Api.Clock.Advance(TimeSpan.FromMinutes(2));

            await Api.PostOk("/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "USD" });
            await Api.PostOk("/v1/cash/accounts/issuer/acme/USD/deposits", new { amount = "1000000" });
            PaidDistribution = await AnnounceAsync("USD", null);
            await Api.PostOk($"/v1/securities/{Acme}/distributions/{PaidDistribution}:pay", new { });

            // Offerings sell Acme units for RON, which alice already holds, into acme's RON account.
            await Api.PostOk("/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "RON" });
            ClosedOffering = await OpenOfferingAsync(subscribe: true);
            await Api.PostOk($"/v1/offerings/{ClosedOffering}:close", new { early = true });

            Clients["operator"] = Api.Operator;
            Clients["agent"] = Api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.All);
            Clients["other-agent"] = Api.ClientFor(ActorRole.IssuerAgent, "globex", Permissions.All);
            Clients["agent-no-permissions"] = Api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.None);
            Clients["claim-issuer"] = Api.ClientFor(ActorRole.ClaimIssuer, "kyc-co");
            Clients["investor"] = Api.ClientFor(ActorRole.Investor, "alice");
            Clients["auditor-acme"] = Api.ClientFor(ActorRole.Auditor, "acme");
            Clients["auditor-all"] = Api.ClientFor(ActorRole.Auditor);
            Clients["no-key"] = Api.Client(null);
            Clients["invalid-key"] = Api.Client("rk_invalid0000000000000000000000");
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();

        public string NextId(string prefix) => $"{prefix}-m{Interlocked.Increment(ref _next)}";

        /// <summary>Undoes the changes a row may leave that would break the next row: a pause and a freeze.</summary>
        public async Task RestoreAsync()
        {
            var security = await Api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{Acme}");
            if (security.GetProperty("status").GetString() == "paused")
            {
                await Api.PostOk($"/v1/securities/{Acme}:unpause", new { });
            }

            var frozen = await Api.FrozenAsync(Acme, "bob-1");
            if (frozen != "0")
            {
                await Api.PostOk($"/v1/securities/{Acme}/unfreezes", new { accountId = "bob-1", amount = frozen });
            }
        }

        private async Task<HttpRequestMessage> PutRulesRequestAsync()
        {
            using var read = await Api.Operator.GetAsync($"/v1/securities/{Acme}/rules");
            var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{Acme}/rules") { Content = JsonContent.Create(new { rules = Array.Empty<object>() }) };
            request.Headers.IfMatch.Add(read.Headers.ETag!);
            return request;
        }

        private async Task<HttpRequestMessage> AddTrustedIssuerRequestAsync()
        {
            var claimIssuer = NextId("kyc");
            await Api.PostOk("/v1/claim-issuers", new { id = claimIssuer, name = "KYC" });
            return await Post($"/v1/securities/{Acme}/trusted-issuers", new { claimIssuerId = claimIssuer });
        }

        private async Task<HttpRequestMessage> RecoverRequestAsync()
        {
            var lost = NextId("bob");
            var replacement = NextId("bob");
            await Api.PostOk("/v1/identities/bob/accounts", new { id = lost });
            await Api.PostOk("/v1/identities/bob/accounts", new { id = replacement });
            await Api.PostOk($"/v1/securities/{Acme}/issuances", new { accountId = lost, amount = "1" });
            return await Post($"/v1/accounts/{lost}:recover", new { newAccountId = replacement });
        }

        /// <summary>Queues a transfer of 1 from Alice to Bob as the operator and builds the request on its id.</summary>
        private async Task<HttpRequestMessage> QueuedRequestAsync(Func<string, Task<HttpRequestMessage>> request)
        {
            var receipt = await Api.PostOk($"/v1/securities/{Queued}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
            return await request(receipt.GetProperty("id").GetString()!);
        }

        private async Task<HttpRequestMessage> ApproveRequestAsync()
        {
            var receipt = await Api.PostOk($"/v1/securities/{Queued}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
            return await Post($"/v1/queued-transfers/{receipt.GetProperty("id").GetString()}:approve", new { });
        }

        /// <summary>A ballot on Acme recorded a second ago, open from now until the given instant.</summary>
        public object BallotBody(DateTimeOffset closesAt)
        {
            var now = Api.Clock.GetUtcNow();
            return new
            {
                title = NextId("meeting"), recordAt = now.AddSeconds(-1), opensAt = now, closesAt, quorumPercent = "50",
                motions = new[] { new { title = "Approve", choices = new[] { "yes", "no" } } },
            };
        }

        /// <summary>Creates a ballot on Acme and moves the clock past its closing instant.</summary>
        private async Task<string> ClosedBallotAsync()
        {
            var ballot = await Api.PostOk($"/v1/securities/{Acme}/ballots", BallotBody(Api.Clock.GetUtcNow().AddMinutes(1)));
            Api.Clock.Advance(TimeSpan.FromMinutes(2));
            return ballot.GetProperty("id").GetString()!;
        }

        private async Task<HttpRequestMessage> CertifyRequestAsync() =>
            await Post($"/v1/securities/{Acme}/ballots/{await ClosedBallotAsync()}:certify", new { });

        public string PaidDistribution { get; private set; } = "";


        private static readonly string[] Currencies =
            ["EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "BHD", "KWD", "OMR", "JOD", "TND", "NZD", "SGD", "HKD", "MXN", "BRL", "ZAR",
             "INR", "KRW", "PLN", "CZK", "HUF", "ILS", "THB", "MYR", "PHP", "IDR", "TRY", "AED", "SAR", "QAR", "EGP", "NGN", "KES", "CLP", "COP", "PEN"];

        private int _nextCurrency;

        /// <summary>A currency no earlier row used, so an opening or a held payout starts from no account.</summary>
        public string NextCurrency() => Currencies[Interlocked.Increment(ref _nextCurrency) % Currencies.Length];

        private static object Dividend(string currency, string? claimUntil) => new
        {
            kind = "dividend", currency, basis = "total", amount = "10",
            recordAt = DateTimeOffset.UtcNow, paymentAt = DateTimeOffset.UtcNow,
            claimUntil = claimUntil is null ? (DateTimeOffset?)null : DateTimeOffset.UtcNow,
        };

        /// <summary>Announces a dividend of acme's security as the operator; a claimUntil of "now" lets it be reclaimed at once.</summary>
        public async Task<string> AnnounceAsync(string currency, string? claimUntil)
        {
            var created = await Api.PostOk($"/v1/securities/{Acme}/distributions", Dividend(currency, claimUntil));
            return created.GetProperty("id").GetString()!;
        }

        /// <summary>Pays a dividend in a currency neither alice nor bob has an account in, then opens alice's, so her payout waits to be claimed.</summary>
        private async Task<HttpRequestMessage> ClaimRequestAsync()
        {
            var currency = NextCurrency();
            await Api.PostOk("/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency });
            await Api.PostOk($"/v1/cash/accounts/issuer/acme/{currency}/deposits", new { amount = "100" });
            var id = await AnnounceAsync(currency, null);
            await Api.PostOk($"/v1/securities/{Acme}/distributions/{id}:pay", new { });
            await Api.PostOk("/v1/cash/accounts", new { ownerKind = "identity", ownerId = "alice", currency });
            return await Post($"/v1/securities/{Acme}/distributions/{id}:claim", new { identityId = "alice" });
        }

        /// <summary>Pays a USD dividend whose claim period already ended; bob has no USD account, so his payout can be reclaimed.</summary>
        private async Task<HttpRequestMessage> ReclaimRequestAsync()
        {
            var id = await AnnounceAsync("USD", "now");
            await Api.PostOk($"/v1/securities/{Acme}/distributions/{id}:pay", new { });
            return await Post($"/v1/securities/{Acme}/distributions/{id}:reclaim", new { });
        }

        /// <summary>Creates an acme bond maturing on the date, issues alice 1 unit and returns its id.</summary>
        public async Task<string> CreateBondAsync(string maturity)
        {
            var terms = new Dictionary<string, string>
            {
                ["face_value"] = "100", ["currency"] = "USD", ["issue_date"] = "2023-01-01", ["maturity_date"] = maturity,
                ["coupon_rate"] = "4%", ["coupon_frequency"] = "semi_annual", ["day_count"] = "30/360",
            };
            var bond = await Api.PostOk("/v1/securities", new { issuerId = "acme", name = NextId("bond"), assetClass = "debt", decimals = 0, terms });
            var id = bond.GetProperty("id").GetString()!;
            await Api.PostOk($"/v1/securities/{id}/issuances", new { accountId = "alice-1", amount = "1" });
            return id;
        }


        private async Task<HttpRequestMessage> CancelQueuedRequestAsync()
        {
            var receipt = await Api.PostOk($"/v1/securities/{Queued}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
            return await Post($"/v1/queued-transfers/{receipt.GetProperty("id").GetString()}:cancel", new { });
        }

        private async Task<HttpRequestMessage> HoldRequestAsync(Func<string, Task<HttpRequestMessage>> request)
        {
            var hold = NextId("hold");
            await Api.PostOk($"/v1/securities/{Acme}/holds", new { id = hold, from = "alice-1", to = "bob-1", amount = "1", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
            return await request(hold);
        }

        private object InstructionBody() => new
        {
            id = NextId("instruction"),
            legs = new[] { new { securityId = Acme, from = "alice-1", to = "bob-1", amount = "1" } },
            expiresAt = DateTimeOffset.UtcNow.AddDays(1),
        };

        /// <summary>Creates an instruction as the operator, affirmed by both parties when asked, and builds the request on it.</summary>
        private async Task<HttpRequestMessage> InstructionRequestAsync(bool affirm, Func<string, Task<HttpRequestMessage>> request)
        {
            var receipt = await Api.PostOk("/v1/settlement-instructions", InstructionBody());
            var id = receipt.GetProperty("id").GetString()!;
            if (affirm)
            {
                await Api.PostOk($"/v1/settlement-instructions/{id}:affirm", new { partyId = "alice" });
                await Api.PostOk($"/v1/settlement-instructions/{id}:affirm", new { partyId = "bob" });
            }

            return await request(id);
        }

        public string ClosedOffering { get; private set; } = "";

        /// <summary>An Acme offering at 1 RON a unit, open from a minute ago for 30 days.</summary>
        public object OfferingBody()
        {
            var now = Api.Clock.GetUtcNow();
            return new { id = NextId("ipo"), currency = "RON", price = "1", cap = "1000", opensAt = now.AddMinutes(-1), closesAt = now.AddDays(30) };
        }

        /// <summary>Opens an offering as the operator, with a subscription of 1 unit for alice when asked, and returns its id.</summary>
        private async Task<string> OpenOfferingAsync(bool subscribe)
        {
            var offering = await Api.PostOk($"/v1/securities/{Acme}/offerings", OfferingBody());
            var id = offering.GetProperty("id").GetString()!;
            if (subscribe)
            {
                await Api.PostOk($"/v1/offerings/{id}/subscriptions", new { accountId = "alice-1", quantity = "1" });
            }

            return id;
        }

        private async Task<HttpRequestMessage> OfferingRequestAsync(bool subscribe, Func<string, Task<HttpRequestMessage>> request) =>
            await request(await OpenOfferingAsync(subscribe));

        private async Task<HttpRequestMessage> OrderRequestAsync(Func<long, Task<HttpRequestMessage>> request)
        {
            var receipt = await Api.PostOk($"/v1/securities/{Acme}/orders", new { accountId = "alice-1", side = "sell", quantity = "1", price = "99" });
            return await request(receipt.GetProperty("orderId").GetInt64());
        }

        private static Task<HttpRequestMessage> Put(string path, object body) =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) });

        private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

        private static Task<HttpRequestMessage> Post(string path, object body) =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });
    }
}
