// kolroi/roi/kol_campaign.hpp: the key of a KOL's work in one campaign, (kol_id, campaign).
//
// Contracts, credited figures and ROI rows are all keyed by it. Ids compare as written (case
// matters, as it does for KOL ids in the tracking part); an empty campaign is allowed and stands
// for a KOL's work outside any named campaign.
#pragma once

#include <compare>
#include <string>

namespace kolroi {

struct kol_campaign {
    std::string kol_id;
    std::string campaign;

    friend auto operator<=>(const kol_campaign&, const kol_campaign&) = default;
    friend bool operator==(const kol_campaign&, const kol_campaign&) = default;

    /// "kol_001/spring", or "kol_001" when the campaign is empty.
    [[nodiscard]] std::string describe() const {
        return campaign.empty() ? kol_id : kol_id + "/" + campaign;
    }
};

} // namespace kolroi
