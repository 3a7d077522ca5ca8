META;
key;value;
description;defects;
budget;100;
vote_type;approval;
num_projects;3;
num_votes;4;
max_length;2;
budget;100;

PROJECTS;
project_id;cost;votes;
a;60;3;
b;50;2;
a;10;1;
c;40;2;

VOTES;
voter_id;vote;
1;a,b,;
2;b,c,c;
3;a,b,c;
1;c;
5;a;
