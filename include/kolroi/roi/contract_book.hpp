// kolroi/roi/contract_book.hpp: every KOL contract of a report, one per (kol_id, campaign).
//
// A KOL paid in several ways for one campaign has one contract holding all of them; a second
// contract for the same key is an error rather than a sum, because a contract listed twice (two
// exports pasted together) would otherwise be paid twice in the report. Campaigns that differ
// only in ASCII case are the same campaign, as they are when touches are matched to contracts.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/contract.hpp"
#include "kolroi/roi/kol_campaign.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <utility>

namespace kolroi {

class contract_book {
public:
    /// Adds a contract after validate_contract; throws invalid_argument when its key is taken.
    void add(kol_contract contract) {
        validate_contract(contract);
        kol_campaign key{contract.kol_id, contract.campaign};
        // Touches find their contract by campaign without regard to ASCII case, so two
        // campaigns of one KOL that differ only in case would be one campaign.
        for (const auto& [held, existing] : m_contracts) {
            if (held.kol_id == key.kol_id && iequals_ascii(held.campaign, key.campaign)) {
                throw error(error_kind::invalid_argument,
                            "contract_book::add: a contract for " + held.describe() +
                                " is in the book already" +
                                (held.campaign == key.campaign
                                     ? std::string()
                                     : " (campaigns are compared without case)") +
                                "; combine its terms into one contract");
            }
        }
        m_contracts.emplace(std::move(key), std::move(contract));
    }

    /// The contract for `key`, or nullptr.
    [[nodiscard]] const kol_contract* find(const kol_campaign& key) const {
        const auto found = m_contracts.find(key);
        return found == m_contracts.end() ? nullptr : &found->second;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_contracts.size(); }
    [[nodiscard]] bool empty() const noexcept { return m_contracts.empty(); }

    /// The contracts in key order.
    [[nodiscard]] const std::map<kol_campaign, kol_contract>& contracts() const noexcept {
        return m_contracts;
    }

private:
    std::map<kol_campaign, kol_contract> m_contracts;
};

} // namespace kolroi
