// Tests of kolroi/prediction/profiles_reader.hpp: the profiles and quotes file.
#include "kolroi/prediction/profiles_reader.hpp"

#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <string>

namespace {

const std::string header = "kol_id,platform,followers,average_views,engagement_rate,cost_model,"
                           "price,commission_rate,posts\n";

std::string error_of(const std::string& text) {
    try {
        (void)kolroi::read_profiles(text, "quotes.csv");
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("the profiles file gives each column its meaning, and empty fields are unknown") {
    const auto path = kolroi::test::test_data("prediction/quotes.csv");
    const kolroi::profile_file file = kolroi::read_profiles(kolroi::read_file(path), "quotes.csv");
    REQUIRE(file.profiles.size() == 3);

    const kolroi::creator_profile& mia = file.profiles[0];
    CHECK(mia.kol_id == "mia_tiktok");
    CHECK(mia.platform == kolroi::platform::tiktok);
    CHECK(mia.followers == 48500.0);
    CHECK(mia.average_views == std::optional<double>(12000.0));
    CHECK(mia.engagement_rate == std::optional<double>(0.042));
    CHECK(mia.market == "US");
    CHECK(mia.category == "skincare");
    CHECK(mia.quote.model == kolroi::cost_model::flat_fee);
    CHECK(mia.quote.amount == 650.0);
    CHECK(mia.quote.commission_rate == 0.0);
    CHECK(mia.quote.posts == 2.0);
    CHECK(mia.bio == "honest reviews, skincare routine");
    CHECK(mia.recent_captions == std::vector<std::string>{"first look", "week two update"});

    const kolroi::creator_profile& noa = file.profiles[1];
    CHECK(noa.followers == 1200000.0);
    CHECK(noa.quote.model == kolroi::cost_model::cpm);
    CHECK(noa.quote.amount == 18.5);
    CHECK(noa.quote.posts == 1.0);
    CHECK(noa.market.empty());
    CHECK(noa.category.empty());
    CHECK(noa.recent_captions.empty());

    const kolroi::creator_profile& omar = file.profiles[2];
    CHECK_FALSE(omar.engagement_rate.has_value());
    CHECK(omar.quote.model == kolroi::cost_model::flat_fee_and_commission);
    CHECK(omar.quote.commission_rate == 0.1);
    CHECK(omar.bio == "says \"hi\"");
}

TEST_CASE("only the five required columns must be present") {
    const auto file = kolroi::read_profiles("platform,kol_id,price,followers,cost_model\n"
                                            "instagram,a,100,2k,flat_fee\n",
                                            "short.csv");
    REQUIRE(file.profiles.size() == 1);
    CHECK(file.profiles[0].followers == 2000.0);
    CHECK_FALSE(file.profiles[0].average_views.has_value());
    CHECK(error_of("kol_id,platform,followers,price\n") ==
          "quotes.csv:1: missing column 'cost_model'; the header has 'kol_id', 'platform', "
          "'followers', 'price'");
}

TEST_CASE("a platform is read in any case, as every input file reads it") {
    const auto file = kolroi::read_profiles(header + "a,TikTok,10k,,,flat_fee,100,,\n", "q.csv");
    REQUIRE(file.profiles.size() == 1);
    CHECK(file.profiles[0].platform == kolroi::platform::tiktok);
}

TEST_CASE("a commission rate is read as the contracts file reads it: 1 or more needs its '%'") {
    const auto rate = [](const std::string& field) {
        const auto file = kolroi::read_profiles(
            header + "a,tiktok,10k,,,flat_fee_and_commission,100," + field + ",\n", "q.csv");
        return file.profiles.at(0).quote.commission_rate;
    };
    CHECK(rate("0.08") == doctest::Approx(0.08));
    CHECK(rate("8%") == doctest::Approx(0.08));
    CHECK(rate("100%") == doctest::Approx(1.0));
    CHECK(error_of(header + "a,tiktok,10k,,,commission,0,1,\n") ==
          "quotes.csv:2: field 'commission_rate': commission rate '1' is ambiguous; write a "
          "percentage with its sign ('1%'; '100%' is the whole GMV) or a fraction below 1 "
          "('0.01')");
    CHECK(error_of(header + "a,tiktok,10k,,,commission,0,15,\n").find("is ambiguous") !=
          std::string::npos);
}

TEST_CASE("a bad profile names the file, the line and the field") {
    CHECK(error_of(header + "a,tiktok,10k,,,flat_fee,100,,\nb,myspace,10k,,,flat_fee,1,,\n") ==
          "quotes.csv:3: field 'platform': unknown platform 'myspace'; expected tiktok, "
          "instagram, youtube, facebook or other (any case)");
    CHECK(error_of(header + "a,tiktok,10q,,,flat_fee,100,,\n") ==
          "quotes.csv:2: field 'followers': expected a count such as 1500, 0.89k, 475.8m or "
          "29.0b, saw '10q'");
    CHECK(error_of(header + "a,tiktok,10k,,,barter,100,,\n") ==
          "quotes.csv:2: field 'cost_model': unknown cost model 'barter'; expected flat_fee, "
          "cpm, commission or flat_fee_and_commission");
    CHECK(error_of(header + "a,tiktok,10k,,,commission,0,,\n") ==
          "quotes.csv:2: field 'commission_rate': cost model commission needs a "
          "commission_rate above 0");
    CHECK(error_of(header + "a,tiktok,10k,,,commission,0,150%,\n") ==
          "quotes.csv:2: field 'commission_rate': a commission rate is a fraction of GMV in "
          "[0, 1], saw 150%");
    CHECK(error_of(header + "a,tiktok,10k,,,flat_fee,100,-5%,\n") ==
          "quotes.csv:2: field 'commission_rate': a commission rate is a fraction of GMV in "
          "[0, 1], saw -5%");
    CHECK(error_of(header + "a,tiktok,10k,,,flat_fee,100,,0\n") ==
          "quotes.csv:2: field 'posts': a quote buys at least one post, saw 0");
    CHECK(error_of(header + "a,tiktok,10k,,,cpm,12,,\n") ==
          "quotes.csv:2: field 'average_views': a CPM quote is billed on average views, but "
          "average_views is empty");
    CHECK(error_of(header + ",tiktok,10k,,,flat_fee,100,,\n") ==
          "quotes.csv:2: field 'kol_id': the KOL id is empty");
    CHECK(error_of(header + "a,tiktok,10k,,,flat_fee,100\n") ==
          "quotes.csv:2: expected 9 fields, saw 7");
    CHECK(error_of("") == "quotes.csv:1: read_profiles: the file is empty; expected a header");
}

TEST_CASE("an engagement rate may be a fraction or a percentage") {
    const auto file = kolroi::read_profiles(header + "a,tiktok,1k,,0.05,flat_fee,1,,\n"
                                                     "b,tiktok,1k,,5%,flat_fee,1,,\n",
                                            "rates.csv");
    CHECK(file.profiles[0].engagement_rate == std::optional<double>(0.05));
    CHECK(file.profiles[1].engagement_rate == std::optional<double>(0.05));
}
