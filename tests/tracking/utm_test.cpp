// Tests for kolroi/tracking/utm.hpp: campaign parameters and click ids read from landing URLs.
#include "kolroi/tracking/utm.hpp"

#include <doctest/doctest.h>

#include <string>

using kolroi::parse_url;
using kolroi::read_campaign_tags;

TEST_CASE("U1: utm fields are read with their case; ids and utm_content keep it") {
    const auto tags = read_campaign_tags(
        parse_url("?utm_source=Instagram&utm_medium=Social&utm_id=AbC123&utm_content=KOL_Anna"));
    CHECK(tags.source == "Instagram");
    CHECK(tags.medium == "Social");
    CHECK(tags.id == "AbC123");
    CHECK(tags.content == "KOL_Anna");
    CHECK_FALSE(tags.campaign.has_value());
    CHECK(tags.tagged());
}

TEST_CASE("campaign keys are matched ignoring ASCII case") {
    const auto tags = read_campaign_tags(
        parse_url("https://shop.example/?UTM_SOURCE=ig&Utm_Medium=cpc&UTM_Campaign=Spring&UTM_TERM="
                  "tee&utm_CONTENT=reel_1&UTM_ID=x9"));
    CHECK(tags.source == "ig");
    CHECK(tags.medium == "cpc");
    CHECK(tags.campaign == "Spring");
    CHECK(tags.term == "tee");
    CHECK(tags.content == "reel_1");
    CHECK(tags.id == "x9");
}

TEST_CASE("click ids are read as written; igsh is another spelling of igshid") {
    const auto tags =
        read_campaign_tags(parse_url("?gclid=Cj0KCQ_x&FBCLID=IwAR1xY&ttclid=E.C.P.Ab&igsh=MXh6Zg"));
    CHECK(tags.clicks.gclid == "Cj0KCQ_x");
    CHECK(tags.clicks.fbclid == "IwAR1xY");
    CHECK(tags.clicks.ttclid == "E.C.P.Ab");
    CHECK(tags.clicks.igshid == "MXh6Zg");
    CHECK_FALSE(tags.tagged()); // click ids are not manual tags

    const auto both = read_campaign_tags(parse_url("?igshid=first&igsh=second"));
    CHECK(both.clicks.igshid == "first");
}

TEST_CASE("an empty or blank value is as if the parameter were absent") {
    const auto tags = read_campaign_tags(parse_url("?utm_source=&utm_medium=email&utm_campaign=+"));
    CHECK_FALSE(tags.source.has_value());
    CHECK(tags.medium == "email");
    CHECK_FALSE(tags.campaign.has_value()); // '+' decodes to a space, which trims away
    CHECK(tags.tagged());
}

TEST_CASE("values are trimmed after decoding") {
    CHECK(read_campaign_tags(parse_url("?utm_source=%20ig%09")).source == "ig");
}

TEST_CASE("utm_content or utm_term alone do not make a URL tagged") {
    CHECK_FALSE(read_campaign_tags(parse_url("?utm_content=reel&utm_term=tee")).tagged());
    CHECK(read_campaign_tags(parse_url("?utm_id=42")).tagged());
    CHECK(read_campaign_tags(parse_url("?utm_campaign=spring")).tagged());
}

TEST_CASE("a repeated key keeps its first non-empty value and notes a different later one") {
    kolroi::diagnostics notes;
    const auto tags = read_campaign_tags(
        parse_url("?utm_source=&utm_source=ig&utm_source=tiktok&utm_medium=cpc&utm_medium=cpc"),
        &notes);
    CHECK(tags.source == "ig");
    CHECK(tags.medium == "cpc");
    CHECK(notes.count("repeated campaign parameter") == 1); // the same cpc twice is no conflict
    REQUIRE(notes.examples().size() == 1);
    CHECK(notes.examples()[0].detail.find("tiktok") != std::string::npos);
}

TEST_CASE("a campaign parameter that cannot be decoded throws, naming key, byte and text") {
    try {
        (void)read_campaign_tags(parse_url("?foo=1&utm_source=ig%G1"));
        FAIL("no error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::parse_error);
        CHECK(fault.message().find("utm_source") != std::string::npos);
        CHECK(fault.message().find("byte 7") != std::string::npos);
        CHECK(fault.message().find("ig%G1") != std::string::npos);
        CHECK(fault.message().find("malformed percent escape") != std::string::npos);
    }
    CHECK_THROWS_AS(read_campaign_tags(parse_url("?utm_campaign=%C0%AF")), kolroi::error);
    CHECK_THROWS_AS(read_campaign_tags(parse_url("?gclid=%4")), kolroi::error);
}

TEST_CASE("undecodable parameters that are not campaign keys are left alone") {
    const auto tags = read_campaign_tags(parse_url("?foo=%G1&%ZZ=1&utm_source=ig"));
    CHECK(tags.source == "ig");
}

TEST_CASE("parameters inside the fragment are not campaign tags") {
    const auto tags = read_campaign_tags(parse_url("https://shop.example/#utm_source=ig"));
    CHECK_FALSE(tags.source.has_value());
    CHECK_FALSE(tags.tagged());
}
