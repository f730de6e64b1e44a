/**
 * Harm told through a scene rather than a known phrase (issue #21): what the held-out sets kept
 * missing. For the categories that miss most (safety, threat, fraud) and the others that missed
 * on new wording (medical, discrimination, essential service), paraphrases that must reach P1–P2
 * from a 10-follower account naming their category, and negations, resolved forms, questions and
 * harmless look-alikes that must not name it.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText, DEFAULT_SCORING_CONFIG, scoreMention } from '../../src/scoring/index.js';
import type { HarmId } from '../../src/scoring/harm/categories.js';

const tiny = (text: string) => scoreMention({ text, source: 'twitter', author: { followers: 10 }, isVip: false }, DEFAULT_SCORING_CONFIG);
const harmOf = (text: string): string[] => analyzeText(text).harm.map((h) => h.id);

const SCENES: Partial<Record<HarmId, { trigger: string[]; not: string[] }>> = {
  safety: {
    trigger: [
      'The lift jolted and dropped a floor with my grandad inside, he was shaking when it stopped',
      'Broken paving slab outside your branch, an old lady tripped on it and split her head open',
      'The handrail on your station stairs came away in my hand and I nearly went down the steps',
      'A shelf of tins collapsed in aisle 4 and just missed a toddler in a trolley',
      'Your delivery van reversed into the pavement and clipped my son on his scooter',
      'The escalator suddenly reversed and people fell on top of each other',
      'Glass panel on your balcony cracked and fell onto the walkway below, someone could have been underneath',
      'The automatic door closed on my daughter and knocked her to the floor',
      'Floorboard gave way in the hotel room and my leg went straight through it',
      'Scaffolding pole fell from your building site onto the pavement next to my pram',
      'The heater you fitted makes the whole room smell of fumes and we both have headaches',
      'Water is running down the inside of the wall and into the plug socket',
      'The trampoline frame snapped while my kids were on it and one landed on the metal',
      'Bus driver pulled off while my mum was still getting on and she was thrown to the floor',
      'Your engineer left the manhole open with no cones, my neighbour walked straight into it',
      'The ceiling in our rented flat has a huge crack and bits keep falling on the bed',
      'A wheel flew off your delivery lorry on the dual carriageway and bounced over my car',
      'Cut my hand badly on a blade left inside the packaging of your salad bag',
      'Stepped off the train and the gap was so big my foot went down it and I hurt my knee',
      'The pool drain cover was missing at your hotel and my son got his arm stuck',
      'The car seat buckle popped open when I braked and my baby slid forward',
      'Your taxi driver had his eyes closed at the lights twice, I was terrified the whole way',
      'Battery in the e-bike I bought from you went bang and the garage filled with black smoke',
      'The loft hatch you installed fell on my husband and he needed stitches',
      'The gate at your car park swung shut onto a cyclist and knocked him off',
    ],
    not: [
      'The lift at your station is out of order again, had to take the stairs',
      'The escalator has been switched off for maintenance all week, annoying',
      'My parcel fell through the letterbox and landed on the mat, all good',
      'I nearly fell asleep waiting on hold for 40 minutes',
      'The shelf I ordered came without the screws',
      'The handrail colour does not match the picture on your site',
      'Our flat has a small crack in the paint, can someone look at it?',
      'The bus driver was lovely and waited for my mum to sit down',
      'Loved the hotel pool, kids had the best time',
      'The car seat was delivered in the wrong colour',
      'The trampoline arrived with one spring missing, when will the part come?',
      'This price drop nearly knocked me off my chair',
      'The heater takes ages to warm the room, is that normal?',
      'Is it safe to use the lift during a fire drill?',
      'The gate code at your car park does not work again',
      'I fell in love with your new menu',
      'My order was dropped at the wrong door but the neighbour brought it round',
      'Can you tell me when the lift repair is booked?',
    ],
  },
  threat: {
    trigger: [
      'Your engineer told me if I leave a bad review he will come back and I will regret it',
      'Your driver said he knows where I live now and that I should watch myself',
      'The bailiff you sent said my kids would not be safe if I did not pay today',
      'Your manager said people who complain like me tend to have accidents',
      'One of your staff followed me to my car and said next time I would not get off so lightly',
      'Delivery guy said he would be waiting for me outside after his shift',
      'I will come down to your office and make sure every one of you suffers',
      'Someone from your call centre rang back and said they would make my life hell',
      'If my refund is not here by Friday I am coming to the store and someone is going to get hurt',
      'Your security guard said he would sort me out properly next time he saw me',
      'The installer said nobody would find me if I reported him',
      'Your collector said he would make sure my family regrets it',
      'Your rep whispered that he had my address and I had better keep quiet',
      'Keep ignoring me and see what happens to your shop window',
      'The driver said he would run me over if I blocked his van again',
      'Your worker told my wife she would be sorry if she called the police',
      'One more delay and I will be waiting for your engineer with a bat',
      'Your neighbour of a contractor said he would burn my fence down if I complained',
      'The landlord you work for said he would get people to pay me a visit',
      'Your staff member warned me that accidents happen to people who make trouble',
      'Your courier said he would smash my face in if I filed a complaint',
    ],
    not: [
      'I will make sure I never shop with you again',
      'You will regret losing me as a customer, your competitor is half the price',
      'I am going to leave a bad review if this is not fixed',
      'Your engineer said he will come back tomorrow to finish the job',
      'The driver knows the way to our house now, he has delivered five times this week, such a nice man',
      'Next time I will order earlier',
      'I regret buying this phone, the battery is rubbish',
      'Your prices are killing me',
      'I am coming to the store tomorrow to return the jacket',
      'Watch this space, new review coming on my blog',
      'You will be hearing from me if this is not sorted',
      'My son said he would smash his exam and he did, thanks for the revision guide',
      'The manager said accidents happen and gave us a refund for the spilled drink',
      'Keep the great service up and see what happens to your ratings',
      'I would like someone to sort out my bill please',
      'Waiting outside the store for it to open, so excited',
      'Burn this playlist into my brain, so good',
      'Your competitor will eat you alive with prices like these',
      'My mate said he would kill for a pizza from you right now',
      'Sort me out with a discount code and I will be back',
    ],
  },
  fraud: {
    trigger: [
      'Just got a message that my password was changed, it was not me and now I am locked out',
      'There is a £600 transfer to an account I have never heard of',
      'A man at the door said he was from your bank and took my card away to be destroyed',
      'Three orders on my account shipped to an address in Leeds, I live in Bristol',
      'My direct debit has been switched to a different account and I never asked for it',
      'Someone has been using my loyalty points, I have not shopped there in months',
      'I woke up to an email saying my address had been updated, I did not do that',
      'My card was in my purse all night and yet it was used in a shop in Madrid',
      'A courier came for my bank card after a call that showed your number',
      'The app says a new device was added to my account at 3am, that was not me',
      'My elderly dad got a call from your fraud team asking him to move his savings, he moved £8k',
      'Found a mobile contract registered to my address that none of us took out',
      'I paid the invoice to the new bank details in your email and now you say it was not from you',
      'My phone lost signal and then my bank account was emptied overnight',
      'Money keeps going out of my account in small amounts to a company I do not recognise',
      'Someone opened a store card using my details, I only found out from the debt letter',
      'I got a text from your number saying to confirm my PIN, I did and £950 went',
      'You let someone else change the phone number on my account without asking me',
      'There is a withdrawal from a cash machine in Glasgow, I have never been to Scotland',
      'My login details were changed and my rewards balance is zero',
      'A refund for an order I never placed went to a card that is not mine',
      'Someone claiming to be your support team remoted into my laptop and moved money out',
    ],
    not: [
      'I changed my password yesterday and now the app logs me out, bug?',
      'How do I add a new device to my account?',
      'I transferred £600 to my sister, how long does it take?',
      'Can I update my address online?',
      'My card was declined in Madrid even though I told you I was travelling',
      'I made a payment to the wrong account by mistake, can you help me get it back?',
      'The courier came to collect the return and was very polite',
      'Three orders arrived at once, great service',
      'I set up a direct debit to the new account, please confirm it is active',
      'Lost my card on the bus, can you send a new one?',
      'I cannot remember my PIN, how do I reset it?',
      'My rewards balance did not update after my last shop',
      'Is this text from your number genuine? It asks me to book a delivery slot',
      'The new app login is much faster, nice work',
      'Your fraud team called and stopped a dodgy payment, brilliant service',
      'My son used my card with my permission, that is fine',
      'I received a refund for the order I returned, thanks',
      'My phone lost signal on the train again',
    ],
  },
  medical: {
    trigger: [
      'The pharmacy label says 50mg but the box inside is 500mg',
      'You delivered my insulin two days late and it had been sitting in a hot van',
      'My mum was given someone else’s blister pack from your pharmacy',
      'The nurse you sent skipped my dad’s evening injection and did not tell anyone',
      'Ordered a dairy free cake for my son, he broke out in hives after one bite',
      'The dose on the syringe you supplied is ten times what the doctor prescribed',
      'My oxygen delivery did not come and I am down to the last cylinder',
      'Your app changed my repeat prescription to a different strength without asking',
    ],
    not: [
      'When does the pharmacy open on Sunday?',
      'My prescription arrived on time, thank you',
      'Do you sell dairy free cakes?',
      'The oxygen facial at your spa was amazing',
      'Can I change my repeat prescription collection day?',
      'The dose of drama in this show is too much',
    ],
  },
  discrimination: {
    trigger: [
      'Your cashier copied my accent back at me and laughed with her colleague',
      'The doorman let my white friends in and told me it was full',
      'Staff kept asking my husband instead of me because I am a woman',
      'Your guard searched only the black teenagers in the queue',
      'The driver refused to lower the ramp for my wheelchair and drove off',
      'Your agent asked where I was really from before he would help me',
    ],
    not: [
      'Your staff speak so many languages, lovely to hear',
      'The ramp on your new bus makes it easy with a pram',
      'The doorman said it was full tonight, fair enough',
      'Can my husband collect my parcel for me?',
      'The cashier had a lovely accent',
    ],
  },
  essential_service: {
    trigger: [
      'Our whole office has had no internet since Monday and the team has been sent home',
      'Card machine has been down all day, we are turning customers away',
      'No broadband for three days and I work from home, I am losing pay',
      'Your payment system has been failing since this morning and none of our customers can check out',
      'My landline has been dead for a week and it is my dad’s only way to call for help',
    ],
    not: [
      'Internet was a bit slow for ten minutes this morning',
      'Is there planned maintenance on the card machines tonight?',
      'Broadband is back on, thanks for the quick fix',
      'Love working from home with your fast fibre',
      'The app logged me out once, all fine after logging back in',
    ],
  },
};

const high = (p: string): boolean => p === 'P1' || p === 'P2';

for (const [id, { trigger, not }] of Object.entries(SCENES)) {
  describe(`${id} told as a scene`, () => {
    for (const text of trigger) {
      it(`triggers: ${text}`, () => {
        const r = tiny(text);
        expect(high(r.priority), `${r.priority} ${r.reasons.join(' · ')}`).toBe(true);
        expect(r.harm.length, r.reasons.join(' · ')).toBeGreaterThan(0);
      });
    }
    for (const text of not) {
      it(`does not name ${id}: ${text}`, () => {
        expect(harmOf(text)).not.toContain(id);
      });
    }
  });
}
